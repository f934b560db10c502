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
  // Read by name, not by a key variable: conditions of every kind pass here, and a read by name is
  // the cheaper of the two on objects of that many shapes.
  const { type, status, reason, message } = entry;
  return {
    type: text(type, index, "type"),
    status: text(status, index, "status"),
    reason: text(reason, index, "reason"),
    message: text(message, index, "message"),
  };
}

function text(value: unknown, index: number, key: keyof BasicCondition): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string")
    throw new KStatusComputeError(`status.conditions[${index}].${key} is not a string`);
  return value;
}

/** An object's conditions for one Compute: converted when first asked for, then kept (each rule asks). */
export type Conditions = () => readonly BasicCondition[];

/** Conditions converted at most once; a conversion that fails fails again each time it is asked for. */
export function conditionsOnce(obj: KubeObject): Conditions {
  let converted: BasicCondition[] | undefined;
  return () => {
    converted ??= basicConditions(obj);
    return converted;
  };
}

/** The first condition of `type` whose status is `status` (kstatus's getConditionWithStatus). */
export function conditionWithStatus(
  conditions: readonly BasicCondition[],
  type: string,
  status: string,
): BasicCondition | undefined {
  return conditions.find((c) => c.type === type && c.status === status);
}
