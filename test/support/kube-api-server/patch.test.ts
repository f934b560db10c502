import { describe, expect, test } from "vitest";
import { applyJsonPatch, applyMergePatch, PatchError } from "./patch.ts";

describe("JSON merge patch", () => {
  test("merges objects, replaces lists and removes keys set to null", () => {
    const target = { metadata: { labels: { a: "1", b: "2" } }, spec: { ports: [1, 2] } };

    const patched = applyMergePatch(target, {
      metadata: { labels: { b: null, c: "3" } },
      spec: { ports: [3] },
    });

    expect(patched).toEqual({ metadata: { labels: { a: "1", c: "3" } }, spec: { ports: [3] } });
  });
});

describe("JSON patch", () => {
  test("applies add, replace, remove, copy and move in order", () => {
    const target = { spec: { list: ["a"], name: "x" }, status: {} };

    const patched = applyJsonPatch(target, [
      { op: "add", path: "/spec/list/-", value: "b" },
      { op: "replace", path: "/spec/name", value: "y" },
      { op: "copy", from: "/spec/name", path: "/status/name" },
      { op: "move", from: "/spec/list", path: "/status/list" },
      { op: "remove", path: "/spec/name" },
    ]);

    expect(patched).toEqual({ spec: {}, status: { name: "y", list: ["a", "b"] } });
    expect(target.spec.name).toBe("x");
  });

  test("fails when a test operation does not hold", () => {
    expect(() => applyJsonPatch({ a: 1 }, [{ op: "test", path: "/a", value: 2 }])).toThrow(PatchError);
  });

  test("fails when replacing a path that does not exist", () => {
    expect(() => applyJsonPatch({}, [{ op: "replace", path: "/a/b", value: 1 }])).toThrow(PatchError);
  });
});
