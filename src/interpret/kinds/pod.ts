import { conditionOfType } from "../condition-lookup.ts";
import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject, Record_ } from "../kube-object.ts";
import { arr, field, isRecord, num, specOf, statusOf, str } from "../kube-object.ts";

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

/** The messages of containers waiting for a failing reason, joined; undefined when none is. */
function failingWaits(status: Record_): string | undefined {
  let messages: string | undefined;
  for (const c of arr(status.containerStatuses)) {
    const state = isRecord(c) ? c.state : undefined;
    const waiting = isRecord(state) ? state.waiting : undefined;
    if (!isRecord(waiting) || !isFailingWait(str(waiting.reason) ?? "")) continue;
    const message = str(waiting.message) ?? "";
    messages = messages === undefined ? message : `${messages}, ${message}`;
  }
  return messages;
}

function runningHealth(obj: KubeObject, restartPolicy: string, message: string): HealthResult | undefined {
  // Pods that restart Never or OnFailure have a finite life (typically sync hooks): never Healthy while running.
  if (restartPolicy === "OnFailure" || restartPolicy === "Never") return { health: "Progressing", message };
  if (restartPolicy !== "Always") return undefined;
  if (conditionOfType(obj, "Ready")?.status === "True") return { health: "Healthy", message };
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
    const failing = failingWaits(status);
    if (failing !== undefined) return { health: "Degraded", message: failing };
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
  let readyContainers = 0;
  let restarts = 0;
  for (const c of arr(statusOf(obj).containerStatuses)) {
    if (!isRecord(c)) continue;
    if (c.ready === true) readyContainers++;
    restarts += num(c.restartCount) ?? 0;
  }
  return { containers: arr(specOf(obj).containers).length, readyContainers, restarts };
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
