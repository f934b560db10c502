import type { WireEvent } from "../../model/wire.ts";
import { ConcurrentWriteError } from "../errors.ts";
import { type FoldOptions, foldEvents, type ObjectPlan } from "../fold-events.ts";
import type { TableContext } from "./context.ts";
import { putCurrent, readCurrent, type Versioned } from "./current-item.ts";
import { removeHistory, writeHistoryIsolated } from "./history.ts";
import { refusalOf } from "./sdk-errors.ts";

const MAX_ATTEMPTS = 8;

/** One event the table would not store, by its position in the object's events. */
export interface Refusal {
  origin: number;
  reason: string;
}

/** One object's share of a batch, with its plan's history already written (or refused). */
export interface ObjectWork {
  objectKey: string;
  events: readonly WireEvent[];
  read: Versioned | undefined;
  plan: ObjectPlan;
  refusal?: Refusal;
}

export interface Settled {
  plan: ObjectPlan;
  /** Positions in the object's events of the events left out, each with the table's reason. */
  rejected: Refusal[];
}

/**
 * Writes the object's record after its history. When the table refuses a record of this object
 * for what it holds, the event behind it is left out and the rest decided again, so one event
 * never keeps its neighbours (or the object's other events) from being stored.
 *
 * An object's history must never show a record its current item does not account for. History is
 * written first, so a transition is never recorded without its history; reads hide history later
 * than the current item's last transition (`listHistory`). That closes the race of a crash, or a
 * write failing with a fault that may pass, between the two writes (before, a failed batch left
 * its history showing for objects it never recorded): the records show once the relay's retry of
 * the batch writes the current item. When the record is refused for good, the history written for
 * it is deleted again, though only records later than the stored last transition, which the
 * current item does not account for, so a refusal leaves nothing behind. What stays open: a crash
 * the relay never retries leaves hidden records that show once a later transition passes them
 * (statuses the relay did observe), and the bound is a millisecond, so a second transition in the
 * millisecond of the last one would show early.
 */
export async function settleObject(
  ctx: TableContext,
  cluster: string,
  work: ObjectWork,
  options: FoldOptions,
): Promise<Settled> {
  let events = work.events.map((event, origin) => ({ event, origin }));
  let { plan, read, refusal } = work;
  const rejected: Refusal[] = [];
  for (;;) {
    if (refusal === undefined) {
      const outcome = await commit(ctx, cluster, events, plan, read, options);
      if (outcome.refusal === undefined) return { plan: outcome.plan, rejected };
      plan = outcome.plan;
      refusal = outcome.refusal;
    }
    const culprit = refusal.origin;
    rejected.push({ origin: events[culprit]?.origin ?? culprit, reason: refusal.reason });
    events = events.filter((_, i) => i !== culprit);
    read = await readCurrent(ctx, cluster, work.objectKey);
    const head = read?.object.lastTransitionAt;
    await removeHistory(
      ctx,
      plan.transitions.filter((t) => head === undefined || t.time > head),
    );
    plan = foldEvents(
      cluster,
      read?.object,
      events.map((e) => e.event),
      options,
    );
    refusal = firstRefusal(plan, await writeHistoryIsolated(ctx, plan.transitions));
  }
}

/** The first of a plan's events whose history record the table refused. */
export function firstRefusal(plan: ObjectPlan, refused: ReadonlyMap<number, string>): Refusal | undefined {
  for (const [position, reason] of refused) {
    const origin = plan.origins[position];
    if (origin !== undefined) return { origin, reason };
  }
  return undefined;
}

/** Writes the planned record; when another writer got there first, re-reads and decides again. */
async function commit(
  ctx: TableContext,
  cluster: string,
  events: readonly { event: WireEvent }[],
  first: ObjectPlan,
  read: Versioned | undefined,
  options: FoldOptions,
): Promise<{ plan: ObjectPlan; refusal?: Refusal }> {
  let plan = first;
  let expected = read;
  for (let attempt = 1; ; attempt++) {
    if (plan.next === undefined) return { plan };
    try {
      if (await putCurrent(ctx, plan.next, expected)) return { plan };
    } catch (error) {
      const reason = refusalOf(error);
      if (reason === undefined) throw error;
      return {
        plan,
        refusal: { origin: plan.nextOrigin ?? 0, reason: `the table refused its record: ${reason}` },
      };
    }
    if (attempt === MAX_ATTEMPTS) throw new ConcurrentWriteError(`${cluster}/${plan.next.objectKey}`);
    expected = await readCurrent(ctx, cluster, plan.next.objectKey);
    plan = foldEvents(
      cluster,
      expected?.object,
      events.map((e) => e.event),
      options,
    );
    const refusal = firstRefusal(plan, await writeHistoryIsolated(ctx, plan.transitions));
    if (refusal !== undefined) return { plan, refusal };
  }
}
