import type { Health } from "../../model/object-status.ts";
import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { Condition, KubeObject } from "../kube-object.ts";
import { conditionsOf, num, statusOf, str } from "../kube-object.ts";

// Reasons controllers give for Ready=False or Available=False while they are still working (Crossplane's
// Creating, Knative's Deploying, ...): on the way up, not broken. Compared case-insensitively.
const IN_PROGRESS_REASONS = new Set([
  "creating",
  "deploying",
  "dependencynotready",
  "initializing",
  "inprogress",
  "installing",
  "pending",
  "progressing",
  "provisioning",
  "reconciling",
  "updating",
  "upgrading",
  "waiting",
]);

const whenTrue =
  (health: Health) =>
  (c: Condition): Health | undefined =>
    c.status === "True" ? health : undefined;

function readiness(c: Condition): Health {
  if (c.status === "True") return "Healthy";
  if (c.status === "False" && !IN_PROGRESS_REASONS.has((c.reason ?? "").toLowerCase())) return "Degraded";
  return "Progressing";
}

/**
 * Condition types that decide, first match wins: kstatus's abnormal-true Stalled and Reconciling, the
 * OpenShift operators' Degraded, then the positive-polarity Ready and Available that most CRDs carry.
 */
const CONDITION_RULES: readonly { type: string; verdict: (c: Condition) => Health | undefined }[] = [
  { type: "Stalled", verdict: whenTrue("Degraded") },
  { type: "Degraded", verdict: whenTrue("Degraded") },
  { type: "Reconciling", verdict: whenTrue("Progressing") },
  { type: "Ready", verdict: readiness },
  { type: "Available", verdict: readiness },
];

function generationLag(obj: KubeObject): HealthResult | undefined {
  const generation = num(obj.metadata?.generation);
  const observed = num(statusOf(obj).observedGeneration);
  if (generation === undefined || observed === undefined || observed === generation) return undefined;
  return {
    health: "Progressing",
    message: `${obj.kind ?? "Resource"} generation is ${generation}, but latest observed generation is ${observed}`,
  };
}

/**
 * The fallback for kinds with no row and no config rule, in the spirit of kstatus's generic rules and of
 * Argo CD's Lua checks for condition-based CRDs: an unobserved generation is Progressing, then the first
 * deciding condition of CONDITION_RULES; a deciding condition written for an older generation is stale,
 * so Progressing too.
 *
 * Nothing to go on (no conditions of those types, or no status at all) is Healthy. Argo CD reports no health
 * for such kinds, so they never hold an application back, and kstatus calls them Current; most are kinds
 * with no status semantics (ServiceMonitor, PrometheusRule, AppProject) that would otherwise sit in
 * Progressing or Unknown forever. A CR whose controller has yet to write its first status looks the same and
 * is Healthy for that moment too: the price of not paging for every spec-only kind.
 */
function genericHealth(obj: KubeObject): HealthResult {
  const lag = generationLag(obj);
  if (lag) return lag;
  const conditions = conditionsOf(obj);
  const generation = num(obj.metadata?.generation);
  for (const rule of CONDITION_RULES) {
    const condition = conditions.find((c) => c.type === rule.type);
    const health = condition && rule.verdict(condition);
    if (!condition || !health) continue;
    const observed = condition.observedGeneration;
    if (generation !== undefined && observed !== undefined && observed < generation) {
      return {
        health: "Progressing",
        message: `Waiting for ${rule.type} to reflect generation ${generation}`,
      };
    }
    const message = condition.message || (health === "Healthy" ? "" : (condition.reason ?? ""));
    return { health, message };
  }
  return { health: "Healthy", message: "" };
}

/** The fallback row for kinds with no built-in row and no config rule. */
export const genericKind: KindInterpreter = {
  group: "*",
  kind: "*",
  health: genericHealth,
  phase: (obj) => str(statusOf(obj).phase),
};
