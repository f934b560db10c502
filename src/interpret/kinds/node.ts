import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { bool, conditionsOf, findCondition, isRecord, specOf, statusOf } from "../kube-object.ts";

// Conditions the kubelet sets True when the node is in trouble even while it still reports Ready.
const PRESSURE_CONDITIONS = ["MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable"] as const;

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
const BINARY_SUFFIX: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** A Kubernetes resource quantity (`3920m`, `16374624Ki`, `1e3`) as a plain number; undefined if malformed. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const [, digits = "", exponent, suffix = ""] = match;
  if (exponent) return Number(`${digits}${exponent}`);
  const factor = BINARY_SUFFIX[suffix] ?? DECIMAL_SUFFIX[suffix] ?? 1;
  return Number(digits) * factor;
}

function isCordoned(obj: KubeObject): boolean {
  return bool(specOf(obj).unschedulable) === true;
}

function pressures(obj: KubeObject): string[] {
  const active = new Set(
    conditionsOf(obj)
      .filter((c) => c.status === "True")
      .map((c) => c.type),
  );
  return PRESSURE_CONDITIONS.filter((type) => active.has(type));
}

function withPressures(message: string, active: string[]): string {
  return active.length > 0 ? `${message}; ${active.join(", ")}` : message;
}

/**
 * A broken node is reported as broken whether or not it is cordoned. A cordoned node that is otherwise fine
 * is Suspended: an admin took it out of scheduling on purpose (drain, maintenance), which is what Argo CD's
 * Suspended means for a paused Deployment or a suspended CronJob; Healthy would hide it, Degraded would page.
 */
function nodeHealth(obj: KubeObject): HealthResult {
  const ready = findCondition(obj, "Ready");
  const active = pressures(obj);
  if (!ready) return { health: "Unknown", message: withPressures("Node has not reported readiness", active) };
  if (ready.status === "Unknown") {
    const why = ready.message ?? "Kubelet stopped posting node status.";
    return { health: "Unknown", message: withPressures(`Node status is unknown: ${why}`, active) };
  }
  if (ready.status !== "True") {
    const why = ready.message ?? ready.reason ?? "Ready is False";
    return { health: "Degraded", message: withPressures(`Node is not ready: ${why}`, active) };
  }
  if (active.length > 0) return { health: "Degraded", message: `Node has ${active.join(", ")}` };
  if (isCordoned(obj)) return { health: "Suspended", message: "Node is cordoned (unschedulable)" };
  return { health: "Healthy", message: "" };
}

/** The STATUS column of `kubectl get nodes`: Ready, NotReady or Unknown, plus SchedulingDisabled. */
function nodePhase(obj: KubeObject): string {
  const ready = findCondition(obj, "Ready")?.status;
  const state = ready === "True" ? "Ready" : ready === "False" ? "NotReady" : "Unknown";
  return isCordoned(obj) ? `${state},SchedulingDisabled` : state;
}

const RESOURCES = [
  { name: "CpuCores", resource: "cpu" },
  { name: "MemoryBytes", resource: "memory" },
  { name: "Pods", resource: "pods" },
] as const;

function nodeValues(obj: KubeObject): Record<string, number> {
  const status = statusOf(obj);
  const out: Record<string, number> = {};
  for (const list of ["allocatable", "capacity"] as const) {
    const quantities = status[list];
    if (!isRecord(quantities)) continue;
    for (const { name, resource } of RESOURCES) {
      const value = parseQuantity(quantities[resource]);
      if (value !== undefined) out[`${list}${name}`] = value;
    }
  }
  return out;
}

export const nodeKinds: KindInterpreter[] = [
  { group: "", kind: "Node", health: nodeHealth, phase: nodePhase, values: nodeValues },
];
