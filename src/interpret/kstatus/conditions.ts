import type { KubeObject } from "../kube-object.ts";
import { isRecord } from "../kube-object.ts";
import { KStatusComputeError } from "./result.ts";

/** kstatus's BasicCondition: absent fields read as "", unlike kube-object's conditionsOf. */
export interface BasicCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

const FIELDS = ["type", "status", "reason", "message"] as const;

/**
 * `status.conditions` as kstatus's GetObjectWithConditions converts them: a status, list or field of the
 * wrong shape fails the conversion (so Compute fails and the object is Unknown); nothing is skipped.
 */
export function basicConditions(obj: KubeObject): BasicCondition[] {
  const status = obj.status;
  if (status === undefined || status === null) return [];
  if (!isRecord(status)) throw new KStatusComputeError("status is not an object; cannot read its conditions");
  const list = status.conditions;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new KStatusComputeError("status.conditions is not a list");
  return list.map((entry, i) => toCondition(entry, i));
}

function toCondition(entry: unknown, index: number): BasicCondition {
  if (entry === null || entry === undefined) return { type: "", status: "", reason: "", message: "" };
  if (!isRecord(entry)) throw new KStatusComputeError(`status.conditions[${index}] is not an object`);
  const out: BasicCondition = { type: "", status: "", reason: "", message: "" };
  for (const key of FIELDS) {
    const value = entry[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") {
      throw new KStatusComputeError(`status.conditions[${index}].${key} is not a string`);
    }
    out[key] = value;
  }
  return out;
}

/** The first condition of `type` whose status is `status` (kstatus's getConditionWithStatus). */
export function conditionWithStatus(
  conditions: readonly BasicCondition[],
  type: string,
  status: string,
): BasicCondition | undefined {
  return conditions.find((c) => c.type === type && c.status === status);
}
