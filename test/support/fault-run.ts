import { expect, vi } from "vitest";
import type { ClusterChurn } from "./cluster-churn.ts";
import { historyCompleteness } from "./history-completeness.ts";
import { historyProblems, stateMismatches } from "./relay-expectations.ts";
import type { RelayWorld } from "./relay-world.ts";

// Shared steps of the fault matrix (test/reliability/fault-*.test.ts): churn for a while, wait for
// the store to agree with the cluster, then judge what it recorded. Every message names the seed.

export const converged = { timeout: 30_000, interval: 250 };

/** The case's seed: FAULT_SEED=<n> replays a failing one. */
export const seedOr = (fallback: number) => Number(process.env.FAULT_SEED ?? fallback);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Seeded writes in rounds of `round` about `pauseMs` apart, for about `ms`, so the relay sees them
 * spread over that stretch. The number of rounds is fixed by `ms`, not by the clock, so a seed makes
 * the same writes however slow the machine.
 */
export async function churnFor(churn: ClusterChurn, ms: number, round = 4, pauseMs = 50): Promise<number> {
  const before = churn.changes;
  for (let i = 0; i < Math.ceil(ms / pauseMs); i++) {
    churn.run(round);
    await sleep(pauseMs);
  }
  return churn.changes - before;
}

/** A duration between `min` and `max` ms, from the seeded random. */
export const between = (random: () => number, min: number, max: number) =>
  Math.round(min + random() * (max - min));

export async function expectConverged(world: RelayWorld, churn: ClusterChurn, seed: number): Promise<void> {
  await vi.waitFor(
    async () =>
      expect(
        await stateMismatches(world.table.store, world.cluster, churn.expected()),
        `seed ${seed}: stored state differs from the cluster's`,
      ).toEqual([]),
    converged,
  );
}

export interface Judged {
  objects: number;
  changes: number;
  /** Statuses checked for completeness (0 when not asked). */
  checked: number;
}

/**
 * Asserts the store converged to the cluster's state and history holds each transition once, with
 * nothing invented; with `completeAfter` (the server's resourceVersion once watched), also that
 * every status made after it is in history or accounted for by a gap.
 */
export async function expectRecorded(
  world: RelayWorld,
  churn: ClusterChurn,
  seed: number,
  completeAfter?: number,
): Promise<Judged> {
  await expectConverged(world, churn, seed);
  const { store } = world.table;
  // Health and kstatus agreeing is not the end: a change of phase or components alone may still be
  // on its way, and a check reading the record before and its history after it lands sees a race.
  await vi.waitFor(
    async () =>
      expect(
        await historyProblems(store, world.cluster, churn, new Date()),
        `seed ${seed}: history problems`,
      ).toEqual([]),
    converged,
  );
  let checked = 0;
  if (completeAfter !== undefined) {
    // The last batches may still be on their way after the final state matched.
    await vi.waitFor(async () => {
      const completeness = await historyCompleteness(store, world.cluster, churn, new Date(), completeAfter);
      expect(completeness.problems, `seed ${seed}: statuses missing from history`).toEqual([]);
      checked = completeness.checked;
    }, converged);
  }
  return { objects: churn.objects.size, changes: churn.changes, checked };
}

/** One line of figures per case, for the report: what ran, what was injected, what was checked. */
export function report(name: string, seed: number, figures: Record<string, unknown>): void {
  console.log(`[fault-matrix] ${name} seed=${seed} ${JSON.stringify(figures)}`);
}
