import type { WireEvent } from "../../model/wire.ts";
import { ConcurrentWriteError } from "../errors.ts";
import { type FoldOptions, foldEvents, type ObjectPlan } from "../fold-events.ts";
import type { TableContext } from "./context.ts";
import { putCurrent, readCurrent, type Versioned } from "./current-item.ts";
import { writeHistoryIsolated } from "./history.ts";
import { historySk } from "./keys.ts";
import { refusalOf } from "./sdk-errors.ts";
import { Written } from "./written-history.ts";

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
 * than the current item's last transition (`listHistory`, by the record's key). That closes the
 * race of a crash, or a write failing with a fault that may pass, between the two writes: the
 * records show once the relay's retry of the batch writes the current item. Whenever the object is
 * decided again (a refusal, or another writer winning the record's conditional put), the records
 * written for earlier decisions that the final one does not hold are deleted (`takeBack`), so
 * neither a refusal nor a lost race leaves a record behind for a later transition to bring into
 * view. What stays open: a crash the relay never retries leaves hidden records that show once a
 * later transition passes them (statuses the relay did observe).
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
  const written = new Written(plan);
  for (;;) {
    if (refusal === undefined) {
      const outcome = await commit(ctx, cluster, events, plan, read, options, written);
      plan = outcome.plan;
      read = outcome.basis;
      if (outcome.refusal === undefined) {
        await written.takeBack(ctx, plan, read);
        return { plan, rejected };
      }
      refusal = outcome.refusal;
    }
    const culprit = refusal.origin;
    rejected.push({ origin: events[culprit]?.origin ?? culprit, reason: refusal.reason });
    events = events.filter((_, i) => i !== culprit);
    read = await readCurrent(ctx, cluster, work.objectKey);
    plan = foldEvents(
      cluster,
      read?.object,
      events.map((e) => e.event),
      options,
    );
    written.add(plan);
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

/** The history key the record of a plan's last transition has, or the one the basis had. */
const headSkOf = (plan: ObjectPlan, basis: Versioned | undefined): string | undefined => {
  const last = plan.transitions.at(-1);
  return last ? historySk(last) : basis?.lastTransitionSk;
};

/**
 * Writes the planned record; when another writer got there first, re-reads and decides again.
 * Returns the final plan and the read it was decided from.
 */
async function commit(
  ctx: TableContext,
  cluster: string,
  events: readonly { event: WireEvent }[],
  first: ObjectPlan,
  read: Versioned | undefined,
  options: FoldOptions,
  written: Written,
): Promise<{ plan: ObjectPlan; basis: Versioned | undefined; refusal?: Refusal }> {
  let plan = first;
  let expected = read;
  for (let attempt = 1; ; attempt++) {
    if (plan.next === undefined) return { plan, basis: expected };
    try {
      if (await putCurrent(ctx, plan.next, expected, headSkOf(plan, expected)))
        return { plan, basis: expected };
    } catch (error) {
      const reason = refusalOf(error);
      if (reason === undefined) throw error;
      return {
        plan,
        basis: expected,
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
    written.add(plan);
    const refusal = firstRefusal(plan, await writeHistoryIsolated(ctx, plan.transitions));
    if (refusal !== undefined) return { plan, basis: expected, refusal };
  }
}
