import type { Health } from "../../model/object-status.ts";
import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { arr, field, specOf, statusOf, str } from "../kube-object.ts";

// PersistentVolumeClaim and Service health as gitops-engine pkg/health (health_pvc.go, health_service.go)
// computes it. Neither sets a message upstream.

const pvcHealthByPhase: Record<string, Health> = {
  Bound: "Healthy",
  Pending: "Progressing",
  Lost: "Degraded",
};

function pvcHealth(obj: KubeObject): HealthResult {
  const phase = str(statusOf(obj).phase) ?? "";
  return { health: pvcHealthByPhase[phase] ?? "Unknown", message: "" };
}

/** Only a LoadBalancer waits for anything: an address from its cloud provider. */
function serviceHealth(obj: KubeObject): HealthResult {
  if (specOf(obj).type !== "LoadBalancer") return { health: "Healthy", message: "" };
  const assigned = arr(field(obj.status, "loadBalancer", "ingress")).length > 0;
  return { health: assigned ? "Healthy" : "Progressing", message: "" };
}

export const coreServicesKinds: KindInterpreter[] = [
  {
    group: "",
    kind: "PersistentVolumeClaim",
    health: pvcHealth,
    phase: (obj) => str(statusOf(obj).phase),
  },
  { group: "", kind: "Service", health: serviceHealth },
];
