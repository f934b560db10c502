import type { StoredObject } from "../store/records.ts";
import type { Label } from "./exposition.ts";
import { type Family, type Sample, withIdentity } from "./family.ts";

/** cluster, group, kind, namespace, name: what tells one recorded object from every other. */
export function objectIdentity(o: StoredObject): readonly Label[] {
  return [
    ["cluster", o.cluster],
    ["group", o.group],
    ["kind", o.kind],
    ["namespace", o.namespace],
    ["name", o.name],
  ];
}

function seconds(time: string): readonly Sample[] {
  const ms = Date.parse(time);
  return Number.isFinite(ms) ? [{ labels: [], value: ms / 1000 }] : [];
}

/**
 * Every recorded object, whatever its kind. Health is one series carrying the current value as a label
 * (`…,health="Degraded"} 1`), not a state set of six, as DESIGN.md writes it: a sixth of the series, and
 * `status_recorder_object_health{health!="Healthy"}` still finds every unhealthy object.
 */
export const objectFamilies: readonly Family<StoredObject>[] = withIdentity(objectIdentity, [
  {
    name: "status_recorder_object_health",
    help: "Health of a recorded object in Argo CD's vocabulary; the series with the current health is 1.",
    type: "gauge",
    samples: (o) => [{ labels: [["health", o.status.health]], value: 1 }],
  },
  {
    name: "status_recorder_object_last_transition_timestamp_seconds",
    help: "When the object's recorded status last changed, in unix seconds.",
    type: "gauge",
    samples: (o) => seconds(o.lastTransitionAt),
  },
  {
    name: "status_recorder_object_transitions_total",
    help: "Status transitions recorded for the object.",
    type: "counter",
    samples: (o) => [{ labels: [], value: o.transitions }],
  },
]);
