import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { isRecord, statusOf, str } from "../kube-object.ts";

/**
 * Component name → the status fields that may carry it, first present wins (argocd-operator ArgoCDStatus).
 * v1alpha1 reports Dex as `status.dex`; v1beta1 generalised it to `status.sso` (Dex or Keycloak).
 * Both land under the one name `sso`, so `argocd_dex_status` reads a single component across versions.
 */
const COMPONENT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  applicationController: ["applicationController"],
  applicationSetController: ["applicationSetController"],
  notificationsController: ["notificationsController"],
  redis: ["redis"],
  repo: ["repo"],
  server: ["server"],
  sso: ["sso", "dex"],
};

/** Each component's state as the operator reports it (Unknown, Pending, Running, Available or Failed). */
export function argocdComponents(obj: KubeObject): Record<string, string> {
  const status = statusOf(obj);
  const out: Record<string, string> = {};
  for (const [name, fields] of Object.entries(COMPONENT_FIELDS)) {
    const value = fields.map((f) => str(status[f])).find((v) => v);
    if (value) out[name] = value;
  }
  return out;
}

function componentsIn(components: Record<string, string>, state: string): string[] {
  return Object.entries(components)
    .filter(([, value]) => value === state)
    .map(([name]) => name);
}

function argocdHealth(obj: KubeObject): HealthResult {
  if (!isRecord(obj.status) || Object.keys(obj.status).length === 0) {
    return { health: "Progressing", message: "Waiting for the operator" };
  }
  const components = argocdComponents(obj);
  const phase = str(obj.status.phase);
  const failed = componentsIn(components, "Failed");
  if (failed.length > 0) return { health: "Degraded", message: `Failed components: ${failed.join(", ")}` };
  if (phase === "Failed")
    return { health: "Degraded", message: "The operator reports the instance as Failed" };
  if (phase === "Available") return { health: "Healthy", message: "" };
  if (phase === "Unknown")
    return { health: "Unknown", message: "The operator cannot tell the instance's state" };
  const waiting = [...componentsIn(components, "Pending"), ...componentsIn(components, "Unknown")];
  if (waiting.length > 0) return { health: "Progressing", message: `Waiting for ${waiting.join(", ")}` };
  return { health: "Progressing", message: "Waiting for the operator" };
}

/** The Argo CD operator's `ArgoCD` instance (argoproj.io v1alpha1 and v1beta1 share this row). */
export const argocdInstanceKinds: KindInterpreter[] = [
  {
    group: "argoproj.io",
    kind: "ArgoCD",
    health: argocdHealth,
    phase: (obj) => str(statusOf(obj).phase),
    components: argocdComponents,
  },
];
