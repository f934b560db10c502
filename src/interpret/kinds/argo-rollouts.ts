import type { Health } from "../../model/object-status.ts";
import { HEALTH } from "../../model/object-status.ts";
import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { arr, bool, conditionsOf, field, isRecord, num, specOf, statusOf, str } from "../kube-object.ts";

const isHealth = (value: string): value is Health => HEALTH.some((h) => h === value);
const progressing = (message: string): HealthResult => ({ health: "Progressing", message });

/**
 * Numeric status.observedGeneration arrived in Rollouts v0.10; before it was a pod-template hash, which either
 * does not parse or parses larger than any real generation. Either way there is nothing to compare.
 */
function isGenerationObserved(obj: KubeObject): boolean {
  if (!isRecord(obj.status)) return false;
  const observed = num(obj.status.observedGeneration);
  const generation = num(obj.metadata?.generation);
  if (observed === undefined || generation === undefined || observed > generation) return true;
  return observed === generation;
}

/** A Rollout with a workloadRef (v1.1+) must also have seen the referenced Deployment's latest template. */
function isWorkloadGenerationObserved(obj: KubeObject): boolean {
  const annotations = obj.metadata?.annotations;
  if (specOf(obj).workloadRef === undefined || !annotations) return true;
  const workloadGeneration = num(annotations["rollout.argoproj.io/workload-generation"]);
  return workloadGeneration === num(statusOf(obj).workloadObservedGeneration);
}

interface RolloutView {
  obj: KubeObject;
  status: Record<string, unknown>;
  podHash: string | undefined;
}

// Rollouts v0.8 moved status.canary.stableRS to status.stableRS.
const stableRsOf = ({ status }: RolloutView) =>
  str(status.stableRS) ?? str(field(status, "canary", "stableRS")) ?? "";
const count = (value: unknown, fallback: number) => num(value) ?? fallback;

/**
 * Argo CD's Rollout/health.lua for controllers older than v1.0, which write no status.phase: the first
 * check with a verdict wins, in the Lua's order.
 */
const LEGACY_CHECKS: readonly ((ro: RolloutView) => HealthResult | undefined)[] = [
  ({ obj }) => {
    for (const c of conditionsOf(obj)) {
      const aborted =
        c.type === "Progressing" &&
        (c.reason === "RolloutAborted" || c.reason === "ProgressDeadlineExceeded");
      if (c.type === "InvalidSpec" || aborted) return { health: "Degraded", message: c.message ?? "" };
    }
    return undefined;
  },
  ({ obj, status }) =>
    arr(status.pauseConditions).length > 0 || bool(specOf(obj).paused) === true
      ? { health: "Suspended", message: "Rollout is paused" }
      : undefined,
  ({ podHash }) =>
    podHash === undefined
      ? progressing("Waiting for rollout to finish: status has not been reconciled.")
      : undefined,
  ({ obj, status }) => {
    const updated = count(status.updatedReplicas, 0);
    if (updated < count(specOf(obj).replicas, 1)) {
      return progressing("Waiting for roll out to finish: More replicas need to be updated");
    }
    if (count(status.availableReplicas, 0) < updated) {
      return progressing("Waiting for roll out to finish: updated replicas are still becoming available");
    }
    return undefined;
  },
  (ro) => {
    if (field(specOf(ro.obj), "strategy", "blueGreen") === undefined) return undefined;
    if (str(field(ro.status, "blueGreen", "activeSelector")) !== ro.podHash) {
      return progressing("active service cutover pending");
    }
    const stable = stableRsOf(ro);
    return stable !== "" && stable !== ro.podHash
      ? progressing("waiting for analysis to complete")
      : undefined;
  },
  (ro) => {
    const strategy = specOf(ro.obj).strategy;
    if (field(strategy, "blueGreen") !== undefined || field(strategy, "canary") === undefined)
      return undefined;
    if (count(ro.status.replicas, 0) > count(ro.status.updatedReplicas, 0)) {
      return progressing("Waiting for roll out to finish: old replicas are pending termination");
    }
    const stable = stableRsOf(ro);
    return stable === "" || stable !== ro.podHash
      ? progressing("Waiting for rollout to finish steps")
      : undefined;
  },
];

/**
 * Argo CD's Rollout/health.lua: wait for the spec to be observed, then surface the phase and message that
 * Rollouts v1.0+ computes itself (Paused → Suspended), else fall back to the pre-v1.0 checks.
 */
function rolloutHealth(obj: KubeObject): HealthResult {
  if (!isGenerationObserved(obj) || !isWorkloadGenerationObserved(obj)) {
    return progressing("Waiting for rollout spec update to be observed");
  }
  const status = statusOf(obj);
  const phase = str(status.phase);
  const message = str(status.message) ?? "";
  if (phase === "Paused") return { health: "Suspended", message };
  if (phase) return isHealth(phase) ? { health: phase, message } : { health: "Unknown", message };
  const view: RolloutView = { obj, status, podHash: str(status.currentPodHash) };
  for (const check of LEGACY_CHECKS) {
    const verdict = check(view);
    if (verdict) return verdict;
  }
  return { health: "Healthy", message: "" };
}

function rolloutValues(obj: KubeObject): Record<string, number> {
  const status = statusOf(obj);
  const out: Record<string, number> = {};
  for (const name of [
    "replicas",
    "updatedReplicas",
    "readyReplicas",
    "availableReplicas",
    "currentStepIndex",
  ]) {
    const value = num(status[name]);
    if (value !== undefined) out[name] = value;
  }
  const steps = field(specOf(obj), "strategy", "canary", "steps");
  if (Array.isArray(steps)) out.canarySteps = steps.length;
  return out;
}

/** Argo CD's AnalysisRun/health.lua: phase → health; a finished run keeps its own message if it has one. */
const ANALYSIS_PHASES: Readonly<Record<string, { health: Health; message: string; own?: boolean }>> = {
  Pending: { health: "Progressing", message: "Analysis run is running" },
  Running: { health: "Progressing", message: "Analysis run is running" },
  Successful: { health: "Healthy", message: "Analysis run completed successfully", own: true },
  Failed: { health: "Degraded", message: "Analysis run failed", own: true },
  Error: { health: "Degraded", message: "Analysis run had an error", own: true },
  Inconclusive: { health: "Unknown", message: "Analysis run was inconclusive", own: true },
};

function analysisRunHealth(obj: KubeObject): HealthResult {
  if (!isRecord(obj.status)) {
    return progressing("Waiting for analysis run to finish: status has not been reconciled.");
  }
  const phase = str(obj.status.phase) ?? "";
  const row = ANALYSIS_PHASES[phase];
  // The Lua returns no status for a phase it does not know; Argo CD then reports the check as failed.
  if (!row) return { health: "Unknown", message: `Unknown analysis run phase "${phase}"` };
  const message = row.own ? (str(obj.status.message) ?? row.message) : row.message;
  return { health: row.health, message };
}

export const argoRolloutsKinds: KindInterpreter[] = [
  {
    group: "argoproj.io",
    kind: "Rollout",
    health: rolloutHealth,
    phase: (obj) => str(statusOf(obj).phase),
    values: rolloutValues,
  },
  {
    group: "argoproj.io",
    kind: "AnalysisRun",
    health: analysisRunHealth,
    phase: (obj) => str(statusOf(obj).phase),
  },
];
