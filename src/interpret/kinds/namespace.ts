import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { statusOf, str } from "../kube-object.ts";

/**
 * Active is Healthy; Terminating is Progressing, as deletion is for any object. A namespace with no phase
 * was never seen by the API server (a manifest on disk), which sets Active on create: nothing is wrong.
 */
function namespaceHealth(obj: KubeObject): HealthResult {
  if (str(statusOf(obj).phase) === "Terminating") {
    return { health: "Progressing", message: "Namespace is terminating" };
  }
  return { health: "Healthy", message: "" };
}

export const namespaceKinds: KindInterpreter[] = [
  { group: "", kind: "Namespace", health: namespaceHealth, phase: (obj) => str(statusOf(obj).phase) },
];
