import type { KStatusResult } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { isRecord } from "../kube-object.ts";
import { type Conditions, conditionWithStatus } from "./conditions.ts";
import { nestedSlice, stringField } from "./fields.ts";
import { current, failed, inProgress, KStatusComputeError, unknown } from "./result.ts";

/** How long a pod may wait for a node before kstatus calls it unschedulable. */
export const SCHEDULE_WINDOW_MS = 15_000;

/**
 * A finished pod is Current whether it succeeded or not: kstatus asks whether the object has settled, and a
 * completed pod will not change any more.
 */
export function podStatus(obj: KubeObject, now: Date, conditionsOf: Conditions): KStatusResult {
  const conditions = conditionsOf();
  const phase = stringField(obj, ["status", "phase"], "");
  switch (phase) {
    case "Succeeded":
      return current("Pod has completed successfully");
    case "Failed":
      return current("Pod has completed, but not successfully");
    case "Running": {
      if (conditionWithStatus(conditions, "Ready", "True")) return current("Pod is Ready");
      const looping = crashLoopingContainers(obj);
      if (looping.length > 0) return failed(`Containers in CrashLoop state: ${looping.join(",")}`);
      return inProgress("Pod is running but is not Ready");
    }
    case "Pending": {
      const scheduled = conditionWithStatus(conditions, "PodScheduled", "False");
      if (scheduled?.reason !== "Unschedulable") return inProgress("Pod is in the Pending phase");
      const deadline = createdAt(obj) + SCHEDULE_WINDOW_MS;
      if (now.getTime() < deadline) return { ...inProgress("Pod has not been scheduled"), until: deadline };
      return failed("Pod could not be scheduled");
    }
    case "":
      // The kubelet has not reported on the pod yet.
      return inProgress("Pod phase not available");
    default:
      // Compute fails (Unknown) on a phase it does not know: "Unknown" itself, a node lost.
      return unknown(`unknown phase ${phase}`);
  }
}

/** metadata.creationTimestamp in ms; an absent or unreadable one counts as long ago, as in kstatus. */
function createdAt(obj: KubeObject): number {
  const parsed = Date.parse(stringField(obj, ["metadata", "creationTimestamp"], ""));
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
}

/** Names of containers waiting in CrashLoopBackOff (init containers are not looked at, as in kstatus). */
function crashLoopingContainers(obj: KubeObject): string[] {
  const names: string[] = [];
  for (const item of nestedSlice(obj, ["status", "containerStatuses"]) ?? []) {
    // kstatus asserts these shapes and would panic on others; an object it cannot read is Unknown here.
    if (!isRecord(item)) throw new KStatusComputeError("status.containerStatuses holds a non-object");
    const { name, state } = item;
    if (name === undefined || state === undefined) continue;
    if (typeof name !== "string" || !isRecord(state)) {
      throw new KStatusComputeError("status.containerStatuses holds a malformed entry");
    }
    const waiting = state.waiting;
    if (waiting === undefined) continue;
    if (!isRecord(waiting)) throw new KStatusComputeError("status.containerStatuses holds a malformed entry");
    if (waiting.reason === "CrashLoopBackOff") names.push(name);
  }
  return names;
}
