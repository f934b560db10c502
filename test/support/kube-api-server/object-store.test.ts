import { describe, expect, test } from "vitest";
import { ObjectStore, ResourceVersionExpiredError } from "./object-store.ts";
import { pod } from "./test-objects.ts";

function store(historySize = 100): ObjectStore {
  return new ObjectStore({ startResourceVersion: 100, historySize });
}

describe("the object store", () => {
  test("bumps one global resourceVersion on every write to any resource", () => {
    const s = store();

    s.commit("pods", "default/a", pod("a"));
    const event = s.commit("deployments.apps", "default/a", { kind: "Deployment" });

    expect(event?.resourceVersion).toBe(102);
    expect(s.get("pods", "default/a")?.metadata?.resourceVersion).toBe("101");
  });

  test("reports a delete with the last state, stamped with the deletion's resourceVersion", () => {
    const s = store();
    s.commit("pods", "default/a", pod("a"));

    const event = s.commit("pods", "default/a", undefined);

    expect(event).toMatchObject({
      type: "DELETED",
      resourceVersion: 102,
      object: { metadata: { name: "a", resourceVersion: "102" } },
    });
  });

  test("reads a resource as it was at an older resourceVersion", () => {
    const s = store();
    s.commit("pods", "default/a", pod("a"));
    const before = s.resourceVersion;
    s.commit("pods", "default/b", pod("b"));
    s.commit("pods", "default/a", undefined);
    s.commit("pods", "default/c", pod("c", { phase: "Pending" }));

    const names = s.entriesAt("pods", before).map(([key]) => key);

    expect(names).toEqual(["default/a"]);
  });

  test("refuses to read at a resourceVersion compacted away", () => {
    const s = store();
    s.commit("pods", "default/a", pod("a"));
    s.commit("pods", "default/b", pod("b"));
    s.compact();

    expect(() => s.entriesAt("pods", 101)).toThrow(ResourceVersionExpiredError);
  });

  test("compacts events that fall out of the history window", () => {
    const s = store(2);
    for (const name of ["a", "b", "c"]) s.commit("pods", `default/${name}`, pod(name));

    expect(s.history.floor).toBe(101);
    expect(s.history.since(101).map((e) => e.key)).toEqual(["default/b", "default/c"]);
  });
});
