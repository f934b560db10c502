import type { Scheduler } from "../transport/scheduler.ts";

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** Share of the delay left to chance: 0.5 waits between half and all of it. */
  jitter: number;
}

/** Errors worth retrying soon: a failing request, a server restarting. */
export const ERROR_RETRY: RetryPolicy = { baseMs: 1_000, capMs: 60_000, jitter: 0.5 };

/** States that change only when someone acts (a CRD installed, RBAC granted): every 30 s, then up to 5 min. */
export const ABSENT_RETRY: RetryPolicy = { baseMs: 30_000, capMs: 300_000, jitter: 0.2 };

/** The delay before retry number `failures` (1 for the first): base·2^(failures−1), capped, jittered. */
export function retryDelay(failures: number, policy: RetryPolicy, random: () => number): number {
  if (failures <= 0) return 0;
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(ceiling * (1 - policy.jitter * random()));
}

/** Waits `ms`, or less if `signal` aborts first; never rejects. */
export function sleep(ms: number, scheduler: Scheduler, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const done = () => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    };
    const cancel = scheduler.setTimeout(done, ms);
    const onAbort = () => {
      cancel();
      done();
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
