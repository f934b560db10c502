import { describe, expect, it } from "vitest";
import { intField, nestedInt, nestedString, stringField } from "./fields.ts";

describe("kstatus field readers", () => {
  it.each(["3", 2.5, null])("fall back to the default for a count of %j", (replicas) => {
    expect(intField({ spec: { replicas } }, ["spec", "replicas"], 1)).toBe(1);
  });

  it("fall back to the default when a step on the path is not an object", () => {
    expect(stringField({ spec: "oops" }, ["spec", "type"], "ClusterIP")).toBe("ClusterIP");
  });

  it("treat a null step as absent rather than as an error", () => {
    expect(nestedInt({ status: null }, ["status", "observedGeneration"])).toBeUndefined();
  });

  it("fail a strict read of a value of the wrong type, as apimachinery does", () => {
    expect(() =>
      nestedInt({ status: { observedGeneration: 1.5 } }, ["status", "observedGeneration"]),
    ).toThrow(".status.observedGeneration accessor error: 1.5 is of the type float64, expected int64");
  });

  it("fail a strict read through a step that is not an object", () => {
    expect(() => nestedString({ metadata: [] }, ["metadata", "deletionTimestamp"])).toThrow(
      ".metadata.deletionTimestamp accessor error: []interface {} is of the type []interface {}, expected map[string]interface{}",
    );
  });
});
