import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { arr, conditionsOf, isRecord, num, specOf, statusOf, str } from "../kube-object.ts";

/**
 * Job health as gitops-engine pkg/health/health_job.go computes it. Like upstream, a condition counts by its
 * type alone (status is read only for Suspended), so a resumed Job ("Suspended" False) reads as finished.
 */
function jobHealth(obj: KubeObject): HealthResult {
  let failed = false;
  let complete = false;
  let suspended = false;
  let failMessage = "";
  let message = "";
  for (const condition of conditionsOf(obj)) {
    if (condition.type === "Failed") {
      failed = true;
      complete = true;
      failMessage = condition.message ?? "";
    } else if (condition.type === "Complete" || condition.type === "Suspended") {
      complete = true;
      message = condition.message ?? "";
      if (condition.type === "Suspended" && condition.status === "True") suspended = true;
    }
  }
  if (!complete) return { health: "Progressing", message };
  if (failed) return { health: "Degraded", message: failMessage };
  if (suspended) return { health: "Suspended", message };
  return { health: "Healthy", message };
}

/**
 * CronJob health as Argo CD's resource_customizations/batch/CronJob/health.lua computes it (Argo CD 3.2+).
 * Upstream reports a suspended CronJob and one with running jobs as Healthy on purpose (argo-cd#24428,
 * argo-cd#24429): status cannot tell whether the last finished run failed while another is active.
 */
function cronJobHealth(obj: KubeObject): HealthResult {
  if (specOf(obj).suspend === true) return { health: "Healthy", message: "CronJob is Suspended" };
  if (!isRecord(obj.status)) return { health: "Progressing", message: "Waiting for CronJob" };

  const lastSchedule = str(obj.status.lastScheduleTime);
  const lastSuccess = str(obj.status.lastSuccessfulTime);
  if (lastSchedule === undefined) {
    // Status cannot show a missed schedule, so a CronJob that never ran is assumed fine.
    return { health: "Healthy", message: "CronJob has not been scheduled yet" };
  }
  if (lastSuccess === undefined) {
    return { health: "Healthy", message: "The CronJob never completed successfully. It may not be healthy" };
  }
  if (arr(obj.status.active).length > 0) {
    return {
      health: "Healthy",
      message: "The job is running. Its last execution may not have been successful",
    };
  }
  // RFC 3339 timestamps in UTC compare correctly as strings, as the Lua script compares them.
  if (lastSuccess < lastSchedule) {
    return { health: "Degraded", message: "CronJob has not completed its last execution successfully" };
  }
  return { health: "Healthy", message: "CronJob has completed its last execution successfully" };
}

function jobValues(obj: KubeObject): Record<string, number> {
  const status = statusOf(obj);
  return {
    active: num(status.active) ?? 0,
    succeeded: num(status.succeeded) ?? 0,
    failed: num(status.failed) ?? 0,
  };
}

function cronJobValues(obj: KubeObject): Record<string, number> {
  const status = statusOf(obj);
  const values: Record<string, number> = { activeJobs: arr(status.active).length };
  for (const key of ["lastScheduleTime", "lastSuccessfulTime"] as const) {
    const millis = Date.parse(str(status[key]) ?? "");
    if (Number.isFinite(millis)) values[key] = millis / 1000;
  }
  return values;
}

export const batchKinds: KindInterpreter[] = [
  { group: "batch", kind: "Job", health: jobHealth, values: jobValues },
  { group: "batch", kind: "CronJob", health: cronJobHealth, values: cronJobValues },
];
