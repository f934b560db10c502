import type { ObjectStatus } from "../model/object-status.ts";
import type { Snapshot, WireEvent } from "../model/wire.ts";
import { compareOrder, isNewer, toUtcIso } from "./event-order.ts";
import { gapRecord, transitionBase } from "./history-record.ts";
import { objectKeyOf, refOfIdentity } from "./object-key.ts";
import type { StoredObject, Transition } from "./records.ts";
import { fitStatus } from "./status-budget.ts";
import { isTransition, tombstoneStatus } from "./transition.ts";

/** What applying one object's events decided: pure, so retries and tests can re-run it freely. */
export interface ObjectPlan {
  accepted: number;
  stale: number;
  /** In order; each becomes one history record (a gap record before the transition it preceded). */
  transitions: Transition[];
  /** For each transition, the position in the given events of the event that it records. */
  origins: number[];
  /** The record to write; absent when nothing changed that is worth a write. */
  next?: StoredObject;
  /** The position in the given events of the event `next` was built from. */
  nextOrigin?: number;
}

export interface FoldOptions {
  now: Date;
  historyTtlSeconds: number;
}

/**
 * Applies one object's events (any order, duplicates allowed) to its stored record, in the order
 * of `compareOrder` and then of the batch, exactly as applying them one at a time would. Several
 * transitions in one batch fold into one record write plus one history record each.
 */
export function foldEvents(
  cluster: string,
  stored: StoredObject | undefined,
  events: readonly WireEvent[],
  options: FoldOptions,
): ObjectPlan {
  let current = stored;
  let latest: { event: WireEvent; origin: number } | undefined;
  let accepted = 0;
  let stale = 0;
  const transitions: Transition[] = [];
  const origins: number[] = [];
  const ordered = events.map((event, origin) => ({ event, origin, time: Date.parse(event.observedAt) }));
  // Array.prototype.sort is stable: events the order calls equal keep their batch order. Times are
  // parsed once, as `compareOrder` would parse them on every comparison.
  ordered.sort((a, b) => a.time - b.time || compareOrder(a.event, b.event));
  for (const { event, origin } of ordered) {
    if (current && !isNewer(event, current) && !isLaterInBatch(event, latest?.event)) {
      stale++;
      continue;
    }
    accepted++;
    latest = { event, origin };
    const status = statusOf(event);
    // A gap means statuses in between were observed and lost: what follows it is always recorded.
    if (current && event.gap === undefined && !isTransition(current.status, status)) continue;
    const time = toUtcIso(event.observedAt);
    const objectKey = objectKeyOf(refOfIdentity(event.object));
    const ttl = options.historyTtlSeconds;
    if (event.gap !== undefined) {
      transitions.push(gapRecord(cluster, objectKey, current, event, ttl));
      origins.push(origin);
    }
    transitions.push({
      ...transitionBase(cluster, objectKey, current, status, time, ttl),
      resourceVersion: event.resourceVersion,
      cause: "event",
    });
    origins.push(origin);
    current = recordOf(cluster, current, event, status, options.now);
  }
  const plan = { accepted, stale, transitions, origins };
  if (current === undefined || latest === undefined) return plan;
  if (needsRefresh(latest.event, current)) {
    // Not a transition, but still worth a write (without history): the bundle index must follow
    // the labels, and a new uid means the object was re-created, which the record must show, or a
    // snapshot whose listing raced the re-creation would tombstone a live object.
    const { lastTransitionAt, transitions: count } = current;
    const event = latest.event;
    current = { ...recordOf(cluster, current, event, statusOf(event), options.now), lastTransitionAt };
    current.transitions = count;
    return { ...plan, next: current, nextOrigin: latest.origin };
  }
  return transitions.length > 0 ? { ...plan, next: current, nextOrigin: latest.origin } : plan;
}

/**
 * Two readings the order cannot tell apart (same instant, resourceVersions not both numeric) are
 * applied in batch order within a batch; across batches the stored one stays, as there is no order.
 */
function isLaterInBatch(event: WireEvent, previous: WireEvent | undefined): boolean {
  return (
    previous !== undefined &&
    compareOrder(event, previous) === 0 &&
    event.resourceVersion !== previous.resourceVersion
  );
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
    // Every status observed counts, the ones a gap stands for included.
    transitions: (previous?.transitions ?? 0) + 1 + (event.gap?.count ?? 0),
    updatedAt: now.toISOString(),
    labels,
    bundleKey: bundleKeyOf(labels),
  };
}

function statusOf(event: WireEvent): ObjectStatus {
  if (event.type === "DELETE") return tombstoneStatus(event.status.message);
  const { health, kstatus, message, phase, components, values } = event.status;
  return fitStatus({ health, kstatus, message, phase, components, values });
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
