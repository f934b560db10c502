import type { KStatusResult } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import type { Conditions } from "./conditions.ts";
import { intField, stringField } from "./fields.ts";
import { current, failed, inProgress } from "./result.ts";

/** For kinds with nothing to reconcile (ConfigMap, Secret, CronJob): they are as applied. */
export function alwaysReady(): KStatusResult {
  return current("Resource is always ready");
}

/**
 * kstatus waits only for the cluster IP, not for a load balancer's ingress: a cloud that never provisions
 * one would otherwise hold every apply forever.
 */
export function serviceStatus(obj: KubeObject): KStatusResult {
  const type = stringField(obj, ["spec", "type"], "ClusterIP");
  if (type === "LoadBalancer" && stringField(obj, ["spec", "clusterIP"], "") === "") {
    return inProgress("ClusterIP not set. Service type: LoadBalancer");
  }
  return current("Service is ready");
}

export function persistentVolumeClaimStatus(obj: KubeObject): KStatusResult {
  const phase = stringField(obj, ["status", "phase"], "unknown");
  if (phase !== "Bound") return inProgress(`PVC is not Bound. phase: ${phase}`);
  return current("PVC is Bound");
}

/**
 * The disruption controller sets no condition when it fails to compute allowed disruptions, so an observed
 * generation (checked before any kind's rule) is all there is to go on.
 */
export function podDisruptionBudgetStatus(): KStatusResult {
  return current("AllowedDisruptions has been computed.");
}

/** A running job is Current: it is doing what was asked. Only a Failed condition makes it Failed. */
export function jobStatus(obj: KubeObject, _now: Date, conditions: Conditions): KStatusResult {
  const parallelism = intField(obj, ["spec", "parallelism"], 1);
  const completions = intField(obj, ["spec", "completions"], parallelism);
  const succeeded = intField(obj, ["status", "succeeded"], 0);
  const active = intField(obj, ["status", "active"], 0);
  const failedPods = intField(obj, ["status", "failed"], 0);

  for (const c of conditions()) {
    if (c.status !== "True") continue;
    if (c.type === "Complete") return current(`Job Completed. succeeded: ${succeeded}/${completions}`);
    if (c.type === "Failed") return failed(`Job Failed. failed: ${failedPods}/${completions}`);
    // A suspended job will not run until resumed, so there is nothing to wait for.
    if (c.type === "Suspended") return current("Job is suspended");
  }
  if (stringField(obj, ["status", "startTime"], "") === "") return inProgress("Job not started");
  return current(`Job in progress. success:${succeeded}, active: ${active}, failed: ${failedPods}`);
}

/** The first decisive condition wins; a CRD still Installing (or with no conditions yet) is InProgress. */
export function customResourceDefinitionStatus(
  _obj: KubeObject,
  _now: Date,
  conditions: Conditions,
): KStatusResult {
  for (const c of conditions()) {
    if (c.type === "NamesAccepted" && c.status === "False") return failed(c.message);
    if (c.type !== "Established") continue;
    if (c.status === "False" && c.reason !== "Installing") return failed(c.message);
    if (c.status === "True") return current("CRD is established");
  }
  return inProgress("Install in progress");
}
