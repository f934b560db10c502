import { conditionOfType } from "../condition-lookup.ts";
import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";

/** APIService health as gitops-engine pkg/health/health_apiservice.go computes it, from the Available condition. */
function apiServiceHealth(obj: KubeObject): HealthResult {
  const available = conditionOfType(obj, "Available");
  if (!available) return { health: "Progressing", message: "Waiting to be processed" };
  return {
    health: available.status === "True" ? "Healthy" : "Progressing",
    message: `${available.reason ?? ""}: ${available.message ?? ""}`,
  };
}

export const apiregistrationKinds: KindInterpreter[] = [
  { group: "apiregistration.k8s.io", kind: "APIService", health: apiServiceHealth },
];
