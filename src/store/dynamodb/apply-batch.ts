import type { EventBatch, WireEvent } from "../../model/wire.ts";
import { type FoldOptions, foldEvents } from "../fold-events.ts";
import { objectKeyOf, refOfIdentity } from "../object-key.ts";
import type { ApplyResult, Rejection } from "../records.ts";
import { firstRefusal, type ObjectWork, settleObject } from "./apply-object.ts";
import { mapLimit } from "./concurrency.ts";
import type { TableContext } from "./context.ts";
import { readCurrentMany } from "./current-item.ts";
import { writeHistoryIsolated } from "./history.ts";
import { bundleSk, currentKey, historyPk } from "./keys.ts";
import { recordSnapshotPart, tombstoneUnnamed } from "./snapshot.ts";

/** DynamoDB's bounds on key attributes: a longer key fails the whole request it is in. */
const PARTITION_KEY_BYTES = 2048;
const SORT_KEY_BYTES = 1024;

/**
 * One batch: one consistent BatchGetItem per 100 objects, then for each object with transitions one
 * history record (batched, 25 a request) and one conditional PutItem of its record. Objects without
 * a transition cost no write at all, and a batch without events (a heartbeat) no request at all.
 * An event the table refuses to store is left out alone and listed in `rejected`.
 */
export async function applyBatch(
  ctx: TableContext,
  cluster: string,
  batch: EventBatch,
  now: Date,
  refused: ReadonlyMap<number, string> = new Map(),
): Promise<ApplyResult> {
  const rejected: Rejection[] = [...refused].map(([index, reason]) => ({ index, reason }));
  const byObject = groupByObject(batch.events, refused);
  for (const [key, group] of byObject) {
    if (fitsKeys(cluster, key)) continue;
    const reason = `the object's key is longer than the table's ${SORT_KEY_BYTES}-byte sort key`;
    for (const index of group.indices) rejected.push({ index, reason });
    byObject.delete(key);
  }
  const stored = await readCurrentMany(ctx, cluster, [...byObject.keys()]);
  const options: FoldOptions = { now, historyTtlSeconds: ctx.historyTtlSeconds };
  const work: (ObjectWork & { indices: number[] })[] = [...byObject].map(([objectKey, group]) => {
    const read = stored.get(objectKey);
    const plan = foldEvents(cluster, read?.object, group.events, options);
    return { objectKey, events: group.events, indices: group.indices, read, plan };
  });

  // History before the record, so a transition is never recorded without its history; what a
  // crash or a refusal between the two writes could leave is dealt with in `settleObject`.
  const history = work.flatMap((w) => w.plan.transitions);
  const refusedHistory = await writeHistoryIsolated(ctx, history);
  let offset = 0;
  for (const w of work) {
    const mine = new Map<number, string>();
    w.plan.transitions.forEach((_, i) => {
      const reason = refusedHistory.get(offset + i);
      if (reason !== undefined) mine.set(i, reason);
    });
    offset += w.plan.transitions.length;
    const refusal = firstRefusal(w.plan, mine);
    if (refusal !== undefined) w.refusal = refusal;
  }
  const settled = await mapLimit(work, ctx.writeConcurrency, async (w) => ({
    w,
    ...(await settleObject(ctx, cluster, w, options)),
  }));

  const result: ApplyResult = {
    accepted: 0,
    stale: 0,
    transitions: 0,
    tombstoned: 0,
    written: 0,
    rejected,
  };
  for (const { w, plan, rejected: refusals } of settled) {
    result.accepted += plan.accepted;
    result.stale += plan.stale;
    result.transitions += plan.transitions.filter((t) => t.cause === "event").length;
    if (plan.next !== undefined) result.written++;
    for (const r of refusals) rejected.push({ index: w.indices[r.origin] ?? -1, reason: r.reason });
  }
  rejected.sort((a, b) => a.index - b.index);
  if (batch.snapshot) {
    // Every object the part listed is named, stored or not: one the table refused still exists.
    const named = new Set(batch.events.map((e) => objectKeyOf(refOfIdentity(e.object))));
    await recordSnapshotPart(ctx, cluster, batch.snapshot, [...named], now);
    if (batch.snapshot.last) result.tombstoned = await tombstoneUnnamed(ctx, cluster, batch.snapshot, now);
    result.written += result.tombstoned;
  }
  return result;
}

function fitsKeys(cluster: string, objectKey: string): boolean {
  const bytes = (text: string) => Buffer.byteLength(text, "utf8");
  return (
    bytes(currentKey(cluster, objectKey).sk) <= SORT_KEY_BYTES &&
    bytes(bundleSk(cluster, objectKey)) <= SORT_KEY_BYTES &&
    bytes(historyPk(cluster, objectKey)) <= PARTITION_KEY_BYTES
  );
}

/** This batch's events by object, with their positions in it; events the caller refused are left out. */
function groupByObject(
  events: readonly WireEvent[],
  refused: ReadonlyMap<number, string>,
): Map<string, { events: WireEvent[]; indices: number[] }> {
  const out = new Map<string, { events: WireEvent[]; indices: number[] }>();
  events.forEach((event, index) => {
    if (refused.has(index)) return;
    const key = objectKeyOf(refOfIdentity(event.object));
    const group = out.get(key);
    if (group) {
      group.events.push(event);
      group.indices.push(index);
    } else out.set(key, { events: [event], indices: [index] });
  });
  return out;
}
