import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { Condition, KubeObject } from "../kube-object.ts";
import { bool, conditionsOf, num, specOf, statusOf } from "../kube-object.ts";

// The pool's counts, copied as they are into values (mco_*_machine_count).
const COUNT_FIELDS = [
  "machineCount",
  "readyMachineCount",
  "updatedMachineCount",
  "degradedMachineCount",
  "unavailableMachineCount",
] as const;

// Degraded is the MCO's roll-up of NodeDegraded and RenderDegraded; its message is the one to show first.
const DEGRADED_TYPES = ["Degraded", "NodeDegraded", "RenderDegraded"];

// Degraded and NodeDegraded flip in the same sync, so true conditions often share a timestamp;
// the tie goes to the state alerts key on. Types not listed (newer MCOs add some) rank after these.
const STATE_PRIORITY = ["Degraded", "NodeDegraded", "RenderDegraded", "Updating", "Updated"];

function isTrue(c: Condition): boolean {
  return c.status === "True";
}

function transitionSeconds(c: Condition): number | undefined {
  const ms = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : Number.NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

function priority(type: string): number {
  const index = STATE_PRIORITY.indexOf(type);
  return index < 0 ? STATE_PRIORITY.length : index;
}

/** The true condition that changed last: the pool's current state for `mco_state`. */
export function newestTrueCondition(obj: KubeObject): Condition | undefined {
  let newest: Condition | undefined;
  for (const c of conditionsOf(obj).filter(isTrue)) {
    if (!newest) {
      newest = c;
      continue;
    }
    // A condition with no (or an unparseable) time counts as older than any timed one.
    const at = transitionSeconds(c) ?? -1;
    const best = transitionSeconds(newest) ?? -1;
    if (at > best || (at === best && priority(c.type) < priority(newest.type))) newest = c;
  }
  return newest;
}

function progress(obj: KubeObject): string {
  const status = statusOf(obj);
  return `${num(status.updatedMachineCount) ?? 0}/${num(status.machineCount) ?? 0} machines updated`;
}

function poolHealth(obj: KubeObject): HealthResult {
  const conditions = conditionsOf(obj);
  if (conditions.length === 0)
    return { health: "Progressing", message: "Waiting for the machine config controller" };
  const degraded = DEGRADED_TYPES.map((type) => conditions.find((c) => c.type === type && isTrue(c))).filter(
    (c): c is Condition => c !== undefined,
  );
  const first = degraded[0];
  if (first) {
    const withMessage = degraded.find((c) => c.message);
    const fallback = first.reason ? `${first.type}: ${first.reason}` : first.type;
    return { health: "Degraded", message: withMessage?.message ?? fallback };
  }
  if (bool(specOf(obj).paused)) return { health: "Suspended", message: `Pool is paused, ${progress(obj)}` };
  const observed = num(statusOf(obj).observedGeneration);
  const generation = obj.metadata?.generation;
  if (observed !== undefined && generation !== undefined && observed < generation) {
    return { health: "Progressing", message: "Waiting for the controller to observe the pool's new spec" };
  }
  if (conditions.some((c) => c.type === "Updating" && isTrue(c)))
    return { health: "Progressing", message: progress(obj) };
  const updated = conditions.find((c) => c.type === "Updated" && isTrue(c));
  if (updated) return { health: "Healthy", message: updated.message ?? "" };
  return { health: "Progressing", message: progress(obj) };
}

/** OpenShift's MachineConfigPool: health from its conditions, counts and newest state for the mco_* families. */
export const machineConfigPoolKinds: KindInterpreter[] = [
  {
    group: "machineconfiguration.openshift.io",
    kind: "MachineConfigPool",
    health: poolHealth,
    components: (obj) => {
      const state = newestTrueCondition(obj);
      return state ? { state: state.type, stateReason: state.reason ?? "" } : undefined;
    },
    values: (obj) => {
      const status = statusOf(obj);
      const out: Record<string, number> = {};
      for (const name of COUNT_FIELDS) {
        const value = num(status[name]);
        if (value !== undefined) out[name] = value;
      }
      const state = newestTrueCondition(obj);
      const since = state && transitionSeconds(state);
      if (since !== undefined) out.stateSince = since;
      return out;
    },
  },
];
