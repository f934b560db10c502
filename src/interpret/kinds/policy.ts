import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { conditionsOf, num, statusOf } from "../kube-object.ts";

// The disruption controller's own verdict for "fewer healthy pods than the budget needs". Argo CD's
// health.lua lets it pass (argo-cd#20171): a budget that forbids every disruption reports it too.
const INSUFFICIENT_PODS = "InsufficientPods";

interface PdbCounts {
  currentHealthy: number;
  desiredHealthy: number;
  disruptionsAllowed: number;
  expectedPods: number;
}

function countsOf(obj: KubeObject): PdbCounts {
  const status = statusOf(obj);
  return {
    currentHealthy: num(status.currentHealthy) ?? 0,
    desiredHealthy: num(status.desiredHealthy) ?? 0,
    disruptionsAllowed: num(status.disruptionsAllowed) ?? 0,
    expectedPods: num(status.expectedPods) ?? 0,
  };
}

function describe(counts: PdbCounts): string {
  const { currentHealthy, desiredHealthy, disruptionsAllowed } = counts;
  return `PDB: ${currentHealthy}/${desiredHealthy} healthy pods, disruptions allowed ${disruptionsAllowed}`;
}

/**
 * Argo CD's PodDisruptionBudget/health.lua, with one difference: a budget short of healthy pods
 * (currentHealthy < desiredHealthy) is Degraded, where the Lua reports any InsufficientPods as Healthy.
 * A budget that merely allows no disruption (currentHealthy == desiredHealthy) stays Healthy, which is the
 * case argo-cd#20171 protects. The message gives the counts, which say more than the condition's reason.
 */
function pdbHealth(obj: KubeObject): HealthResult {
  const conditions = conditionsOf(obj);
  // The API server writes zeroed counts at creation; only the controller's condition means they were computed.
  if (conditions.length === 0) return { health: "Progressing", message: "Waiting for status" };
  const failed = conditions.find((c) => c.status === "False" && c.reason !== INSUFFICIENT_PODS);
  if (failed) return { health: "Degraded", message: `PodDisruptionBudget has ${failed.reason ?? "failed"}` };
  const counts = countsOf(obj);
  const health = counts.currentHealthy < counts.desiredHealthy ? "Degraded" : "Healthy";
  return { health, message: describe(counts) };
}

export const policyKinds: KindInterpreter[] = [
  {
    group: "policy",
    kind: "PodDisruptionBudget",
    health: pdbHealth,
    values: (obj) => (conditionsOf(obj).length > 0 ? { ...countsOf(obj) } : undefined),
  },
];
