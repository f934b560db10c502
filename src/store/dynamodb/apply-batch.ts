import type { EventBatch, WireEvent } from "../../model/wire.ts";
import { ConcurrentWriteError } from "../errors.ts";
import { type FoldOptions, foldEvents, type ObjectPlan } from "../fold-events.ts";
import { objectKeyOf, refOfIdentity } from "../object-key.ts";
import type { ApplyResult } from "../records.ts";
import { mapLimit } from "./concurrency.ts";
import type { TableContext } from "./context.ts";
import { putCurrent, readCurrent, readCurrentMany, type Versioned } from "./current-item.ts";
import { writeHistory } from "./history.ts";
import { recordSnapshotPart, tombstoneUnnamed } from "./snapshot.ts";

const MAX_ATTEMPTS = 8;

/**
 * One batch: one consistent BatchGetItem per 100 objects, then for each object with transitions one
 * history record (batched, 25 a request) and one conditional PutItem of its record. Objects without
 * a transition cost no write at all.
 */
export async function applyBatch(
  ctx: TableContext,
  cluster: string,
  batch: EventBatch,
  now: Date,
): Promise<ApplyResult> {
  const byObject = groupByObject(batch.events);
  const stored = await readCurrentMany(ctx, cluster, [...byObject.keys()]);
  const options: FoldOptions = { now, historyTtlSeconds: ctx.historyTtlSeconds };
  const planned = [...byObject].map(([key, events]) => ({
    events,
    expected: stored.get(key),
    plan: foldEvents(cluster, stored.get(key)?.object, events, options),
  }));

  // History before the record. If the process dies between the two, the relay retries the batch;
  // the record is unchanged, so the same transition is decided again, its history record (keyed by
  // observedAt + resourceVersion) is rewritten in place, and then the record is written. A
  // transition is thus never stored without its history; a crash with no retry at all can leave a
  // history record whose record write never happened, which errs on the side of keeping history.
  await writeHistory(
    ctx,
    planned.flatMap((p) => p.plan.transitions),
  );
  const plans = await mapLimit(planned, ctx.writeConcurrency, (p) =>
    commit(ctx, cluster, p.events, p.plan, p.expected, options),
  );

  const result: ApplyResult = { accepted: 0, stale: 0, transitions: 0, tombstoned: 0, written: 0 };
  for (const plan of plans) {
    result.accepted += plan.accepted;
    result.stale += plan.stale;
    result.transitions += plan.transitions.length;
    if (plan.next !== undefined) result.written++;
  }
  if (batch.snapshot) {
    await recordSnapshotPart(ctx, cluster, batch.snapshot, [...byObject.keys()], now);
    if (batch.snapshot.last) result.tombstoned = await tombstoneUnnamed(ctx, cluster, batch.snapshot, now);
    result.written += result.tombstoned;
  }
  return result;
}

/** Writes the planned record; when another writer got there first, re-reads and decides again. */
async function commit(
  ctx: TableContext,
  cluster: string,
  events: readonly WireEvent[],
  first: ObjectPlan,
  read: Versioned | undefined,
  options: FoldOptions,
): Promise<ObjectPlan> {
  let plan = first;
  let expected = read;
  for (let attempt = 1; ; attempt++) {
    if (plan.next === undefined) return plan;
    if (await putCurrent(ctx, plan.next, expected)) return plan;
    if (attempt === MAX_ATTEMPTS) throw new ConcurrentWriteError(`${cluster}/${plan.next.objectKey}`);
    expected = await readCurrent(ctx, cluster, plan.next.objectKey);
    plan = foldEvents(cluster, expected?.object, events, options);
    await writeHistory(ctx, plan.transitions);
  }
}

function groupByObject(events: readonly WireEvent[]): Map<string, WireEvent[]> {
  const out = new Map<string, WireEvent[]>();
  for (const event of events) {
    const key = objectKeyOf(refOfIdentity(event.object));
    const list = out.get(key);
    if (list) list.push(event);
    else out.set(key, [event]);
  }
  return out;
}
