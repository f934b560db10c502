import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { Condition, KubeObject } from "../kube-object.ts";
import { conditionsOf } from "../kube-object.ts";

const holds = (conditions: Condition[], type: string, status: string) =>
  conditions.find((c) => c.type === type && c.status === status);

/**
 * Argo CD's CustomResourceDefinition/health.lua, checked in its order: terminating, names not accepted,
 * not established, non-structural schema. Each message comes from its own condition, where the Lua quotes
 * whichever matching condition came last. (The dispatcher answers first for an object being deleted.)
 */
function crdHealth(obj: KubeObject): HealthResult {
  const conditions = conditionsOf(obj);
  if (conditions.length === 0) return { health: "Progressing", message: "Status conditions not found" };
  const terminating = holds(conditions, "Terminating", "True");
  if (terminating)
    return { health: "Progressing", message: `CRD is terminating: ${terminating.message ?? ""}` };
  const namesRejected = holds(conditions, "NamesAccepted", "False");
  if (namesRejected) {
    return {
      health: "Degraded",
      message: `CRD names have not been accepted: ${namesRejected.message ?? ""}`,
    };
  }
  if (!holds(conditions, "Established", "True"))
    return { health: "Degraded", message: "CRD is not established" };
  const nonStructural = holds(conditions, "NonStructuralSchema", "True");
  if (nonStructural) {
    return { health: "Degraded", message: `Schema violations found: ${nonStructural.message ?? ""}` };
  }
  return { health: "Healthy", message: "CRD is healthy" };
}

export const crdKinds: KindInterpreter[] = [
  { group: "apiextensions.k8s.io", kind: "CustomResourceDefinition", health: crdHealth },
];
