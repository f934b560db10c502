import type { StoredObject } from "../store/records.ts";
import type { Label } from "./exposition.ts";
import { type Family, type FamilyRow, type Sample, withIdentity } from "./family.ts";

function count(name: string, field: string, help: string): FamilyRow<StoredObject> {
  return {
    name,
    help,
    type: "gauge",
    samples: (o) => {
      const value = o.status.values?.[field];
      return value === undefined ? [] : [{ labels: [], value }];
    },
  };
}

/**
 * The pool's state is its newest true condition (src/interpret/kinds/machine-config-pool.ts). The value is
 * when that condition turned true, as the MCO's own `mco_state` holds a time; a condition without a
 * parseable time falls back to when the recorded status last changed, which a change of state always is.
 */
function stateSamples(o: StoredObject): readonly Sample[] {
  const state = o.status.components?.state;
  if (!state) return [];
  const since = o.status.values?.stateSince ?? Date.parse(o.lastTransitionAt) / 1000;
  const labels: Label[] = [
    ["state", state],
    ["reason", o.status.components?.stateReason ?? ""],
  ];
  return Number.isFinite(since) ? [{ labels, value: since }] : [];
}

function poolIdentity(o: StoredObject): readonly Label[] {
  return [
    ["cluster", o.cluster],
    ["pool", o.name],
  ];
}

/** OpenShift MachineConfigPools, named as the machine-config-operator names its own gauges. */
export const mcoFamilies: readonly Family<StoredObject>[] = withIdentity(poolIdentity, [
  count("mco_machine_count", "machineCount", "Machines in the pool."),
  count("mco_updated_machine_count", "updatedMachineCount", "Machines in the pool on its current config."),
  count("mco_degraded_machine_count", "degradedMachineCount", "Machines in the pool that failed to update."),
  count(
    "mco_unavailable_machine_count",
    "unavailableMachineCount",
    "Machines in the pool that are updating or not ready.",
  ),
  count("mco_ready_machine_count", "readyMachineCount", "Machines in the pool that are ready and updated."),
  {
    name: "mco_state",
    help: "The pool's newest true condition (state) and its reason; the value is when it turned true, in unix seconds.",
    type: "gauge",
    samples: stateSamples,
  },
]);
