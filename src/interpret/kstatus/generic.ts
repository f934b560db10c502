import type { KStatusResult } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import type { Conditions } from "./conditions.ts";
import { AccessorProblem, nestedString, readInt } from "./fields.ts";
import { current, failed, inProgress, terminating, unknown } from "./result.ts";

const DELETION_TIMESTAMP = ["metadata", "deletionTimestamp"];
const GENERATION = ["metadata", "generation"];
const OBSERVED_GENERATION = ["status", "observedGeneration"];

export function kindName(obj: KubeObject): string {
  return typeof obj.kind === "string" ? obj.kind : "";
}

/**
 * kstatus's checkGenericProperties, run before any kind's rule: deletion, an unobserved generation, then the
 * standard abnormal-true conditions (the first Reconciling=True or Stalled=True decides).
 */
export function checkGenericProperties(obj: KubeObject, conditions: Conditions): KStatusResult | undefined {
  if (nestedString(obj, DELETION_TIMESTAMP)) return terminating("Resource scheduled for deletion");

  const lag = checkGeneration(obj);
  if (lag) return lag;

  for (const c of conditions()) {
    if (c.type === "Reconciling" && c.status === "True") return inProgress(c.message);
    if (c.type === "Stalled" && c.status === "True") return failed(c.message);
  }
  return undefined;
}

/**
 * InProgress while the controller has not observed the latest generation; silent if either is unset. A
 * generation that is not an integer (Argo Rollouts writes observedGeneration as a string) fails Compute.
 */
export function checkGeneration(obj: KubeObject): KStatusResult | undefined {
  const generation = readInt(obj, GENERATION);
  if (generation instanceof AccessorProblem) return unknown(generation.message);
  if (generation === undefined) return undefined;
  const observed = readInt(obj, OBSERVED_GENERATION);
  if (observed instanceof AccessorProblem) return unknown(observed.message);
  if (observed === undefined || observed === generation) return undefined;
  return inProgress(
    `${kindName(obj)} generation is ${generation}, but latest observed generation is ${observed}`,
  );
}

/** For kinds whose controller always sets both generations: an unset one means not yet reconciled. */
export function checkGenerationSet(obj: KubeObject): KStatusResult | undefined {
  const generation = readInt(obj, GENERATION);
  if (generation instanceof AccessorProblem) return unknown(generation.message);
  if (generation === undefined) return inProgress(`${kindName(obj)} metadata.generation not found`);
  const observed = readInt(obj, OBSERVED_GENERATION);
  if (observed instanceof AccessorProblem) return unknown(observed.message);
  if (observed === undefined) return inProgress(`${kindName(obj)} status.observedGeneration not found`);
  return undefined;
}

/**
 * kstatus's last resort for kinds without a rule: a Ready condition, though not a Kubernetes convention, is
 * widely used. Only True, False and Unknown count; a Ready condition with another status is passed over.
 */
export function checkReadyCondition(conditions: Conditions): KStatusResult | undefined {
  for (const c of conditions()) {
    if (c.type !== "Ready") continue;
    if (c.status === "True") return current("Resource is Ready");
    // kstatus cannot tell a Ready=False that will recover from one that never will, so both are InProgress.
    if (c.status === "False" || c.status === "Unknown") return inProgress(c.message);
  }
  return undefined;
}
