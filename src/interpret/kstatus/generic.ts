import type { KStatusResult } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { basicConditions } from "./conditions.ts";
import { nestedInt, nestedString } from "./fields.ts";
import { current, failed, inProgress, terminating } from "./result.ts";

export function kindName(obj: KubeObject): string {
  return typeof obj.kind === "string" ? obj.kind : "";
}

/**
 * kstatus's checkGenericProperties, run before any kind's rule: deletion, an unobserved generation, then the
 * standard abnormal-true conditions (the first Reconciling=True or Stalled=True decides).
 */
export function checkGenericProperties(obj: KubeObject): KStatusResult | undefined {
  if (nestedString(obj, ["metadata", "deletionTimestamp"]))
    return terminating("Resource scheduled for deletion");

  const lag = checkGeneration(obj);
  if (lag) return lag;

  for (const c of basicConditions(obj)) {
    if (c.type === "Reconciling" && c.status === "True") return inProgress(c.message);
    if (c.type === "Stalled" && c.status === "True") return failed(c.message);
  }
  return undefined;
}

/** InProgress while the controller has not observed the latest generation; silent if either is unset. */
export function checkGeneration(obj: KubeObject): KStatusResult | undefined {
  const generation = nestedInt(obj, ["metadata", "generation"]);
  if (generation === undefined) return undefined;
  const observed = nestedInt(obj, ["status", "observedGeneration"]);
  if (observed === undefined || observed === generation) return undefined;
  return inProgress(
    `${kindName(obj)} generation is ${generation}, but latest observed generation is ${observed}`,
  );
}

/** For kinds whose controller always sets both generations: an unset one means not yet reconciled. */
export function checkGenerationSet(obj: KubeObject): KStatusResult | undefined {
  if (nestedInt(obj, ["metadata", "generation"]) === undefined) {
    return inProgress(`${kindName(obj)} metadata.generation not found`);
  }
  if (nestedInt(obj, ["status", "observedGeneration"]) === undefined) {
    return inProgress(`${kindName(obj)} status.observedGeneration not found`);
  }
  return undefined;
}

/**
 * kstatus's last resort for kinds without a rule: a Ready condition, though not a Kubernetes convention, is
 * widely used. Only True, False and Unknown count; a Ready condition with another status is passed over.
 */
export function checkReadyCondition(obj: KubeObject): KStatusResult | undefined {
  for (const c of basicConditions(obj)) {
    if (c.type !== "Ready") continue;
    if (c.status === "True") return current("Resource is Ready");
    // kstatus cannot tell a Ready=False that will recover from one that never will, so both are InProgress.
    if (c.status === "False" || c.status === "Unknown") return inProgress(c.message);
  }
  return undefined;
}
