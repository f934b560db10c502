import type { ObjectStatus } from "../model/object-status.ts";
import type { EventGap, WireEvent } from "../model/wire.ts";
import { toUtcIso } from "./event-order.ts";
import type { StoredObject, Transition } from "./records.ts";
import { fitStatus } from "./status-budget.ts";

// The history records a fold or a snapshot writes: what every one holds, and a gap's record.

/** What every history record holds: `from` (fitted) and the time spent in it, absent for a first record. */
export function transitionBase(
  cluster: string,
  objectKey: string,
  from: StoredObject | undefined,
  to: ObjectStatus,
  time: string,
  ttlSeconds: number,
): Omit<Transition, "cause"> {
  const base = { cluster, objectKey, time, to, expiresAt: Math.floor(Date.parse(time) / 1000) + ttlSeconds };
  if (from === undefined) return base;
  const seconds = Math.max(0, (Date.parse(time) - Date.parse(from.lastTransitionAt)) / 1000);
  // Fitted again: a status stored before statuses had a budget must not make every later history
  // item of its object too big to store.
  return { ...base, from: fitStatus(from.status), durationSeconds: seconds };
}

/**
 * The statuses the relay observed but could not hold while the ingest was unreachable, as one
 * record just before the transition that followed them (at the last one's time, or a millisecond
 * before that transition if the relay's times say otherwise), so history shows the loss in place.
 */
export function gapRecord(
  cluster: string,
  objectKey: string,
  from: StoredObject | undefined,
  event: WireEvent,
  ttlSeconds: number,
): Transition {
  const gap = event.gap as EventGap;
  const before = Date.parse(event.observedAt) - 1;
  const time = toUtcIso(new Date(Math.min(Date.parse(gap.to), before)));
  const range = { count: gap.count, from: toUtcIso(gap.from), to: toUtcIso(gap.to) };
  const noun = gap.count === 1 ? "transition" : "transitions";
  const status: ObjectStatus = {
    health: "Unknown",
    kstatus: "Unknown",
    message: `${gap.count} ${noun} not recorded between ${range.from} and ${range.to}`,
  };
  return {
    ...transitionBase(cluster, objectKey, from, status, time, ttlSeconds),
    resourceVersion: event.resourceVersion,
    cause: "gap",
    gap: range,
  };
}
