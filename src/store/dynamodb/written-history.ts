import type { ObjectPlan } from "../fold-events.ts";
import type { Transition } from "../records.ts";
import type { TableContext } from "./context.ts";
import { headOf, type Versioned } from "./current-item.ts";
import { removeHistory } from "./history.ts";
import { historySk, isBeyondHead } from "./keys.ts";

/**
 * The history records one object's share of a batch wrote, over every time it was decided (a
 * first plan, plans again after a lost conditional put or a refusal), so the records of decisions
 * the final one replaced can be taken back.
 */
export class Written {
  readonly #byKey = new Map<string, Transition>();

  constructor(first: ObjectPlan) {
    this.add(first);
  }

  add(plan: ObjectPlan): void {
    for (const t of plan.transitions) this.#byKey.set(historySk(t), t);
  }

  /**
   * Deletes the records written for earlier plans that the final `plan` (decided from `basis`)
   * does not hold. Left behind, such a record is hidden only until a later transition passes it:
   * two batches of one object at once, A losing its put to B, left A's first-plan record showing as
   * a second transition once a later one came.
   *
   * Only keys later than `basis`'s head are deleted. Keys are deterministic from the event, so
   * another writer holding the same event (a retry of this batch still in flight) writes the same
   * key; if it committed before our read, its head is at or past the key and the record stays. A
   * key later than the head has no committed write accounting for it (heads only move forward, so
   * a commit holding it would have put the head past it before our read). What stays open: such a
   * writer deciding from a state later than our read (a third writer's older event in between) and
   * committing the same event as a transition after our delete.
   */
  async takeBack(ctx: TableContext, plan: ObjectPlan, basis: Versioned | undefined): Promise<void> {
    const kept = new Set(plan.transitions.map(historySk));
    const head = headOf(basis);
    const strays = [...this.#byKey]
      .filter(([sk]) => !kept.has(sk) && isBeyondHead(sk, head))
      .map(([, t]) => t);
    if (strays.length > 0) await removeHistory(ctx, strays);
  }
}
