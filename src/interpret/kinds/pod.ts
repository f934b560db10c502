import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject, Record_ } from "../kube-object.ts";
import { arr, field, findCondition, isRecord, num, specOf, statusOf, str } from "../kube-object.ts";

// Pod health as gitops-engine pkg/health/health_pod.go computes it, messages included.

/** Waiting reasons that mean a container is failing: CrashLoopBackOff, ImagePullBackOff, ErrImagePull, CreateContainerConfigError, … */
function isFailingWait(reason: string): boolean {
  return reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff");
}

function containerStatuses(status: Record_, key: "containerStatuses" | "initContainerStatuses"): Record_[] {
  return arr(status[key]).filter(isRecord);
}

/** Why a terminated container failed, in upstream's order of preference; "" when it did not. */
function failMessage(container: Record_): string {
  const terminated = field(container, "state", "terminated");
  if (!isRecord(terminated)) return "";
  const message = str(terminated.message);
  if (message) return message;
  if (terminated.reason === "OOMKilled") return "OOMKilled";
  const exitCode = num(terminated.exitCode) ?? 0;
  if (exitCode !== 0)
    return `container ${JSON.stringify(str(container.name) ?? "")} failed with exit code ${exitCode}`;
  return "";
}

function runningHealth(obj: KubeObject, restartPolicy: string, message: string): HealthResult | undefined {
  // Pods that restart Never or OnFailure have a finite life (typically sync hooks): never Healthy while running.
  if (restartPolicy === "OnFailure" || restartPolicy === "Never") return { health: "Progressing", message };
  if (restartPolicy !== "Always") return undefined;
  if (findCondition(obj, "Ready")?.status === "True") return { health: "Healthy", message };
  const restarted = containerStatuses(statusOf(obj), "containerStatuses").some((c) =>
    isRecord(field(c, "lastState", "terminated")),
  );
  return { health: restarted ? "Degraded" : "Progressing", message };
}

function podHealth(obj: KubeObject): HealthResult {
  const status = statusOf(obj);
  const restartPolicy = str(specOf(obj).restartPolicy) ?? "";
  const message = str(status.message) ?? "";

  // Only for pods that restart Always: a hook pod marked Degraded over ImagePullBackOff would fail its sync
  // early, then run anyway once the image appears.
  if (restartPolicy === "Always") {
    const failing = containerStatuses(status, "containerStatuses")
      .map((c) => field(c, "state", "waiting"))
      .filter(isRecord)
      .filter((waiting) => isFailingWait(str(waiting.reason) ?? ""));
    if (failing.length > 0) {
      return { health: "Degraded", message: failing.map((waiting) => str(waiting.message) ?? "").join(", ") };
    }
  }

  switch (str(status.phase)) {
    case "Pending":
      return { health: "Progressing", message };
    case "Succeeded":
      return { health: "Healthy", message };
    case "Failed": {
      if (message) return { health: "Degraded", message };
      const containers = [
        ...containerStatuses(status, "initContainerStatuses"),
        ...containerStatuses(status, "containerStatuses"),
      ];
      return { health: "Degraded", message: containers.map(failMessage).find((m) => m !== "") ?? "" };
    }
    case "Running": {
      const running = runningHealth(obj, restartPolicy, message);
      if (running) return running;
    }
  }
  return { health: "Unknown", message };
}

/** Counts over the main containers; `containers` comes from spec, as statuses are absent until scheduled. */
function podValues(obj: KubeObject): Record<string, number> {
  const statuses = containerStatuses(statusOf(obj), "containerStatuses");
  return {
    containers: arr(specOf(obj).containers).length,
    readyContainers: statuses.filter((c) => c.ready === true).length,
    restarts: statuses.reduce((sum, c) => sum + (num(c.restartCount) ?? 0), 0),
  };
}

export const podKinds: KindInterpreter[] = [
  {
    group: "",
    kind: "Pod",
    health: podHealth,
    phase: (obj) => str(statusOf(obj).phase),
    values: podValues,
  },
];
