import type { Health } from "../../model/object-status.ts";
import { HEALTH } from "../../model/object-status.ts";
import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { arr, field, isRecord, str } from "../kube-object.ts";

const isHealth = (value: string | undefined): value is Health => HEALTH.some((h) => h === value);

/** The first error-type condition Argo CD raised (ComparisonError, SyncError, InvalidSpecError, ...). */
function errorCondition(obj: KubeObject): string | undefined {
  for (const c of arr(field(obj, "status", "conditions"))) {
    if (!isRecord(c)) continue;
    const type = str(c.type) ?? "";
    if (type.endsWith("Error")) return str(c.message) ?? type;
  }
  return undefined;
}

/**
 * Argo CD's own verdict on the application, as its controller writes it to status.health. gitops-engine has
 * no built-in check for Application (child apps contribute no health there); an admin watching the fleet
 * wants the app's health as Argo CD shows it. With no verdict yet the health is Unknown, not the Progressing
 * of the argocd-cm snippet in Argo CD's docs: that snippet exists to hold sync waves back, while here a
 * controller that never assesses the app must not look like one busy deploying it. When Argo CD gives no
 * message, an error condition (ComparisonError, ...) says why.
 */
function applicationHealth(obj: KubeObject): HealthResult {
  const status = str(field(obj, "status", "health", "status"));
  const message = str(field(obj, "status", "health", "message")) || errorCondition(obj) || "";
  if (!isHealth(status)) {
    return { health: "Unknown", message: message || "Argo CD has not assessed the application's health" };
  }
  return { health: status, message };
}

function applicationComponents(obj: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  const sync = str(field(obj, "status", "sync", "status"));
  const operation = str(field(obj, "status", "operationState", "phase"));
  if (sync) out.sync = sync;
  if (operation) out.operation = operation;
  return out;
}

export const argoApplicationKinds: KindInterpreter[] = [
  {
    group: "argoproj.io",
    kind: "Application",
    health: applicationHealth,
    phase: (obj) => str(field(obj, "status", "sync", "status")),
    components: applicationComponents,
  },
];
