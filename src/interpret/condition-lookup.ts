import type { Condition, KubeObject } from "./kube-object.ts";
import { arr, isRecord, num, statusOf, str } from "./kube-object.ts";

// Every watch event has its object interpreted, and kube-object's findCondition builds every
// condition (six fields each, read off objects of many shapes, which makes each read slow) to keep
// one. These read each entry's type and build only what is asked for, with the same results.

/** The first well-formed condition of `type`, shaped as conditionsOf shapes it: findCondition, cheaper. */
export function conditionOfType(obj: KubeObject, type: string): Condition | undefined {
  for (const entry of arr(statusOf(obj).conditions)) {
    // conditionsOf skips entries whose type is not a string; `type` is one, so a match is well-formed.
    if (!isRecord(entry) || entry.type !== type) continue;
    return {
      type,
      status: typeof entry.status === "string" ? entry.status : "Unknown",
      reason: str(entry.reason),
      message: str(entry.message),
      lastTransitionTime: str(entry.lastTransitionTime),
      observedGeneration: num(entry.observedGeneration),
    };
  }
  return undefined;
}

/** Types of the well-formed conditions whose status is "True", in order. */
export function trueConditionTypes(obj: KubeObject): string[] {
  const types: string[] = [];
  for (const entry of arr(statusOf(obj).conditions)) {
    if (isRecord(entry) && typeof entry.type === "string" && entry.status === "True") types.push(entry.type);
  }
  return types;
}
