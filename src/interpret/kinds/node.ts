import { conditionOfType, trueConditionTypes } from "../condition-lookup.ts";
import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { bool, isRecord, specOf, statusOf } from "../kube-object.ts";

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

// Every suffix QUANTITY accepts, with its factor: `3920m` and `16374624Ki` need no regex.
const SUFFIX_FACTOR: ReadonlyMap<string, number> = new Map([
  ...Object.entries(DECIMAL_SUFFIX),
  ...Object.entries(BINARY_SUFFIX),
]);

/** A Kubernetes resource quantity (`3920m`, `16374624Ki`, `1e3`) as a plain number; undefined if malformed. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  // Node status is read on every watch event; most quantities are digits and a suffix.
  let end = 0;
  while (end < value.length && value.charCodeAt(end) >= 48 && value.charCodeAt(end) <= 57) end++;
  const plain = end > 0 ? SUFFIX_FACTOR.get(value.slice(end)) : undefined;
  if (plain !== undefined) return Number(value.slice(0, end)) * plain;
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
  const active = trueConditionTypes(obj);
  return PRESSURE_CONDITIONS.filter((type) => active.includes(type));
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
  const ready = conditionOfType(obj, "Ready");
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
  const ready = conditionOfType(obj, "Ready")?.status;
  const state = ready === "True" ? "Ready" : ready === "False" ? "NotReady" : "Unknown";
  return isCordoned(obj) ? `${state},SchedulingDisabled` : state;
}

const RESOURCES = [
  { name: "CpuCores", resource: "cpu" },
  { name: "MemoryBytes", resource: "memory" },
  { name: "Pods", resource: "pods" },
] as const;

// Each value's name built once: a name joined per event is a new string to look up on every store.
const QUANTITIES = (["allocatable", "capacity"] as const).map((list) => ({
  list,
  values: RESOURCES.map(({ name, resource }) => ({ key: `${list}${name}`, resource })),
}));

function nodeValues(obj: KubeObject): Record<string, number> {
  const status = statusOf(obj);
  const out: Record<string, number> = {};
  for (const { list, values } of QUANTITIES) {
    const quantities = status[list];
    if (!isRecord(quantities)) continue;
    for (const { key, resource } of values) {
      const value = parseQuantity(quantities[resource]);
      if (value !== undefined) out[key] = value;
    }
  }
  return out;
}

export const nodeKinds: KindInterpreter[] = [
  { group: "", kind: "Node", health: nodeHealth, phase: nodePhase, values: nodeValues },
];
