import { describe, expect, it } from "vitest";
import type { StoredObject } from "../../store/records.ts";
import { HEALTHY } from "../../store/testing/wire-events.ts";
import { membersOf } from "./membership.ts";

const LABEL = "emco/deployment-id";

function stored(name: string, label: string | undefined, extra: Partial<StoredObject> = {}): StoredObject {
  return {
    cluster: "edge-1",
    objectKey: `apps#Deployment#vfw#${name}`,
    group: "apps",
    kind: "Deployment",
    namespace: "vfw",
    name,
    apiVersion: "apps/v1",
    status: HEALTHY,
    resourceVersion: "1",
    observedAt: "2025-03-01T10:00:00.000Z",
    lastTransitionAt: "2025-03-01T10:00:00.000Z",
    transitions: 1,
    updatedAt: "2025-03-01T10:00:00.000Z",
    ...(label === undefined ? {} : { labels: { [LABEL]: label } }),
    ...extra,
  };
}

describe("membership of a deployment", () => {
  it("takes the app from the label value after `{deployment id}-`", () => {
    const members = membersOf(
      [
        stored("a", "4711-firewall"),
        stored("b", "4711-packet-gen"),
        stored("c", "4712-sink"),
        stored("d", undefined),
      ],
      LABEL,
      "4711",
    );

    expect(members.map((m) => [m.name, m.app])).toEqual([
      ["a", "firewall"],
      ["b", "packet-gen"],
    ]);
  });

  it("ignores a label that names the deployment but no app", () => {
    expect(membersOf([stored("a", "4711-")], LABEL, "4711")).toEqual([]);
  });

  it("reports a deleted ResourceBundleState's resources as Missing", () => {
    const bundle = stored("sink-4711", "4711-sink", {
      group: "k8splugin.io",
      kind: "ResourceBundleState",
      apiVersion: "k8splugin.io/v1alpha1",
      status: {
        health: "Missing",
        kstatus: "NotFound",
        message: "",
        components: { "Pod/vfw/sink-0": "Healthy" },
      },
    });

    const [member] = membersOf([bundle], LABEL, "4711");

    expect(member).toMatchObject({
      name: "sink-0",
      health: "Missing",
      via: "bundle",
      gvk: { Kind: "Pod", Version: "v1" },
    });
  });
});
