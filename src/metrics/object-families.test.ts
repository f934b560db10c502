import { describe, expect, it } from "vitest";
import { lines, renderFamilies } from "./testing/render.ts";
import { storedObject } from "./testing/stored-object.ts";

const deployment = storedObject(
  "apps/v1",
  "Deployment",
  "checkout",
  { health: "Degraded", kstatus: "InProgress", message: "Deployment exceeded its progress deadline" },
  { namespace: "shop", lastTransitionAt: "2025-03-01T10:15:30.250Z", transitions: 7 },
);
const node = storedObject("v1", "Node", "ip-10-0-1-17.eu-west-1.compute.internal", {}, { transitions: 2 });

describe("object families", () => {
  it("render health, last transition and transitions for every object in the text format", () => {
    const text = renderFamilies([deployment, node], { names: "status_recorder_object_.*" });

    expect(text).toBe(
      lines(
        "# HELP status_recorder_object_health Health of a recorded object in Argo CD's vocabulary; the series with the current health is 1.",
        "# TYPE status_recorder_object_health gauge",
        'status_recorder_object_health{cluster="prod-eu",group="apps",kind="Deployment",namespace="shop",name="checkout",health="Degraded"} 1',
        'status_recorder_object_health{cluster="prod-eu",group="",kind="Node",namespace="",name="ip-10-0-1-17.eu-west-1.compute.internal",health="Healthy"} 1',
        "# HELP status_recorder_object_last_transition_timestamp_seconds When the object's recorded status last changed, in unix seconds.",
        "# TYPE status_recorder_object_last_transition_timestamp_seconds gauge",
        'status_recorder_object_last_transition_timestamp_seconds{cluster="prod-eu",group="apps",kind="Deployment",namespace="shop",name="checkout"} 1740824130.25',
        'status_recorder_object_last_transition_timestamp_seconds{cluster="prod-eu",group="",kind="Node",namespace="",name="ip-10-0-1-17.eu-west-1.compute.internal"} 1740823200',
        "# HELP status_recorder_object_transitions_total Status transitions recorded for the object.",
        "# TYPE status_recorder_object_transitions_total counter",
        'status_recorder_object_transitions_total{cluster="prod-eu",group="apps",kind="Deployment",namespace="shop",name="checkout"} 7',
        'status_recorder_object_transitions_total{cluster="prod-eu",group="",kind="Node",namespace="",name="ip-10-0-1-17.eu-west-1.compute.internal"} 2',
      ),
    );
  });

  it("name the counter family without _total in OpenMetrics and end with # EOF", () => {
    const text = renderFamilies([deployment], {
      names: "status_recorder_object_transitions_total",
      format: "openmetrics",
    });

    expect(text).toBe(
      lines(
        "# HELP status_recorder_object_transitions Status transitions recorded for the object.",
        "# TYPE status_recorder_object_transitions counter",
        'status_recorder_object_transitions_total{cluster="prod-eu",group="apps",kind="Deployment",namespace="shop",name="checkout"} 7',
        "# EOF",
      ),
    );
  });

  it("give an object whose last transition time cannot be read no timestamp series", () => {
    const odd = { ...deployment, lastTransitionAt: "not a time" };

    const text = renderFamilies([odd], { names: "status_recorder_object_last_transition_timestamp_seconds" });

    expect(text).toBe("");
  });
});
