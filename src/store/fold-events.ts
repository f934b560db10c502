import type { ObjectStatus } from "../model/object-status.ts";
import type { Snapshot, WireEvent } from "../model/wire.ts";
import { compareOrder, isNewer, toUtcIso } from "./event-order.ts";
import { objectKeyOf, refOfIdentity } from "./object-key.ts";
import type { StoredObject, Transition } from "./records.ts";
import { isTransition, tombstoneStatus } from "./transition.ts";

/** What applying one object's events decided: pure, so retries and tests can re-run it freely. */
export interface ObjectPlan {
  accepted: number;
  stale: number;
  /** In order; each becomes one history record. */
  transitions: Transition[];
  /** The record to write; absent when nothing changed that is worth a write. */
  next?: StoredObject;
}

export interface FoldOptions {
  now: Date;
  historyTtlSeconds: number;
}

/**
 * Applies one object's events (any order, duplicates allowed) to its stored record, in
 * resourceVersion order, exactly as applying them one at a time would. Several transitions in one
 * batch fold into one record write plus one history record each.
 */
export function foldEvents(
  cluster: string,
  stored: StoredObject | undefined,
  events: readonly WireEvent[],
  options: FoldOptions,
): ObjectPlan {
  let current = stored;
  let latest: WireEvent | undefined;
  let accepted = 0;
  let stale = 0;
  const transitions: Transition[] = [];
  for (const event of [...events].sort(compareOrder)) {
    if (current && !isNewer(event, current)) {
      stale++;
      continue;
    }
    accepted++;
    latest = event;
    const status = statusOf(event);
    if (current && !isTransition(current.status, status)) continue;
    const time = toUtcIso(event.observedAt);
    const objectKey = objectKeyOf(refOfIdentity(event.object));
    transitions.push({
      ...transitionBase(cluster, objectKey, current, status, time, options.historyTtlSeconds),
      resourceVersion: event.resourceVersion,
      cause: "event",
    });
    current = recordOf(cluster, current, event, status, options.now);
  }
  if (current === undefined || latest === undefined) return { accepted, stale, transitions };
  if (needsRefresh(latest, current)) {
    // Not a transition, but still worth a write (without history): the bundle index must follow
    // the labels, and a new uid means the object was re-created, which the record must show, or a
    // snapshot whose listing raced the re-creation would tombstone a live object.
    const { lastTransitionAt, transitions: count } = current;
    current = { ...recordOf(cluster, current, latest, statusOf(latest), options.now), lastTransitionAt };
    current.transitions = count;
    return { accepted, stale, transitions, next: current };
  }
  return transitions.length > 0
    ? { accepted, stale, transitions, next: current }
    : { accepted, stale, transitions };
}

/** A snapshot found the object gone: record it as Missing at the time the listing began. */
export function tombstoneBySnapshot(
  stored: StoredObject,
  snapshot: Snapshot,
  options: FoldOptions,
): { next: StoredObject; transition: Transition } {
  const time = toUtcIso(snapshot.listedAt);
  const status = tombstoneStatus("Object was not found when the relay listed its kind");
  return {
    transition: {
      ...transitionBase(stored.cluster, stored.objectKey, stored, status, time, options.historyTtlSeconds),
      cause: "snapshot",
      snapshotId: snapshot.id,
    },
    next: {
      ...stored,
      status,
      observedAt: time,
      lastTransitionAt: time,
      transitions: stored.transitions + 1,
      updatedAt: options.now.toISOString(),
      tombstonedBy: snapshot.id,
    },
  };
}

function transitionBase(
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
  return { ...base, from: from.status, durationSeconds: seconds };
}

function recordOf(
  cluster: string,
  previous: StoredObject | undefined,
  event: WireEvent,
  status: ObjectStatus,
  now: Date,
): StoredObject {
  const ref = refOfIdentity(event.object);
  const labels = labelsAfter(event, previous);
  const time = toUtcIso(event.observedAt);
  return {
    cluster,
    objectKey: objectKeyOf(ref),
    ...ref,
    apiVersion: event.object.apiVersion,
    uid: event.object.uid ?? previous?.uid,
    status,
    resourceVersion: event.resourceVersion,
    generation: event.generation,
    observedAt: time,
    lastTransitionAt: time,
    transitions: (previous?.transitions ?? 0) + 1,
    updatedAt: now.toISOString(),
    labels,
    bundleKey: bundleKeyOf(labels),
  };
}

function statusOf(event: WireEvent): ObjectStatus {
  if (event.type === "DELETE") return tombstoneStatus(event.status.message);
  const { health, kstatus, message, phase, components, values } = event.status;
  return { health, kstatus, message, phase, components, values };
}

function needsRefresh(latest: WireEvent, current: StoredObject): boolean {
  const uid = latest.object.uid;
  const recreated = uid !== undefined && current.uid !== undefined && uid !== current.uid;
  return recreated || !sameLabels(labelsAfter(latest, current), current.labels);
}

/** A DELETE usually comes without labels: the tombstone keeps the bundle the object was in. */
function labelsAfter(
  event: WireEvent,
  previous: StoredObject | undefined,
): Record<string, string> | undefined {
  const labels = event.object.labels;
  if (labels === undefined && event.type === "DELETE") return previous?.labels;
  return labels && Object.keys(labels).length > 0 ? labels : undefined;
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  return JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());
}

/**
 * An item has room for one bundle key in the bundle index, so an object with several bundle labels
 * is indexed under the first label key in sort order (all of them stay in `labels`).
 */
export function bundleKeyOf(labels: Record<string, string> | undefined): string | undefined {
  const first = Object.keys(labels ?? {}).sort()[0];
  return first === undefined ? undefined : `${first}=${labels?.[first]}`;
}
