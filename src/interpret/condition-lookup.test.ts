import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionOfType, trueConditionTypes } from "./condition-lookup.ts";
import { conditionsOf, findCondition, type KubeObject } from "./kube-object.ts";

// Both stand in for kube-object's conditionsOf on the hot path, so they must read conditions exactly
// as it does, odd entries included (no type, a type or status of the wrong type, null, a list).

const TYPES = ["Ready", "Available", "Progressing", "DiskPressure"];
const odd = fc.constantFrom(undefined, null, 7, true, ["Ready"], { Ready: "True" });
const text = (...values: string[]) => fc.oneof(fc.constantFrom(...values), odd);

const entry = fc.oneof(
  fc.record(
    {
      type: text(...TYPES),
      status: text("True", "False", "Unknown"),
      reason: text("MinimumReplicasAvailable", ""),
      message: text("ok", ""),
      lastTransitionTime: text("2025-06-01T10:00:00Z"),
      observedGeneration: fc.oneof(fc.nat(9), fc.constantFrom("3", "x", null)),
    },
    { requiredKeys: [] },
  ),
  odd,
);

const object = fc.oneof(
  fc.array(entry, { maxLength: 6 }).map((conditions): KubeObject => ({ status: { conditions } })),
  odd.map((conditions): KubeObject => ({ status: { conditions } })),
  odd.map((status): KubeObject => ({ status })),
);

describe("condition lookup", () => {
  it("finds the condition findCondition finds, shaped the same", () => {
    fc.assert(
      fc.property(object, fc.constantFrom(...TYPES, "Missing"), (obj, type) => {
        expect(conditionOfType(obj, type)).toStrictEqual(findCondition(obj, type));
      }),
      { numRuns: 1000 },
    );
  });

  it("lists the True conditions conditionsOf would list", () => {
    fc.assert(
      fc.property(object, (obj) => {
        const expected = conditionsOf(obj)
          .filter((c) => c.status === "True")
          .map((c) => c.type);
        expect(trueConditionTypes(obj)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
