import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { arr, field } from "../kube-object.ts";

/** Ingress health as gitops-engine pkg/health/health_ingress.go computes it: Healthy once it has an address. */
function ingressHealth(obj: KubeObject): HealthResult {
  const assigned = arr(field(obj.status, "loadBalancer", "ingress")).length > 0;
  return { health: assigned ? "Healthy" : "Progressing", message: "" };
}

export const networkingKinds: KindInterpreter[] = [
  { group: "networking.k8s.io", kind: "Ingress", health: ingressHealth },
  // extensions/v1beta1 Ingress was served until Kubernetes 1.22; Argo CD still checks it.
  { group: "extensions", kind: "Ingress", health: ingressHealth },
];
