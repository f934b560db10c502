import type { Health } from "../../model/object-status.ts";
import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { statusOf, str } from "../kube-object.ts";

// gitops-engine health_argo.go: no phase yet counts as Pending.
const WORKFLOW_PHASES: Readonly<Record<string, Health>> = {
  "": "Progressing",
  Pending: "Progressing",
  Running: "Progressing",
  Succeeded: "Healthy",
  Failed: "Degraded",
  Error: "Degraded",
};

/** gitops-engine's getArgoWorkflowHealth: health from status.phase, message as the controller wrote it. */
function workflowHealth(obj: KubeObject): HealthResult {
  const status = statusOf(obj);
  const health = WORKFLOW_PHASES[str(status.phase) ?? ""] ?? "Unknown";
  return { health, message: str(status.message) ?? "" };
}

/** status.progress is "done/total" over the workflow's pods, e.g. "2/5". */
function workflowValues(obj: KubeObject): Record<string, number> | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(str(statusOf(obj).progress) ?? "");
  if (!match) return undefined;
  return { progressDone: Number(match[1]), progressTotal: Number(match[2]) };
}

export const argoWorkflowKinds: KindInterpreter[] = [
  {
    group: "argoproj.io",
    kind: "Workflow",
    health: workflowHealth,
    phase: (obj) => str(statusOf(obj).phase),
    values: workflowValues,
  },
];
