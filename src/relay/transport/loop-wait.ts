import type { Scheduler } from "./scheduler.ts";

/** How the sender loop waits (until a timeout, or something changes its plan), and is waited on. */
export class LoopWait {
  #wake: (() => void) | undefined;
  #idleWaiters: (() => void)[] = [];

  constructor(private readonly scheduler: Scheduler) {}

  /** Resolves after `ms` (undefined: only on `wake`), or on `wake`, whichever comes first. */
  sleep(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      let cancel: (() => void) | undefined;
      const done = () => {
        cancel?.();
        this.#wake = undefined;
        resolve();
      };
      this.#wake = done;
      if (ms !== undefined) cancel = this.scheduler.setTimeout(done, Math.max(0, ms));
    });
  }

  /** Ends the current sleep, if any. */
  wake(): void {
    this.#wake?.();
  }

  /** The loop has nothing left to send: whoever waits for that goes on. */
  idle(): void {
    for (const idle of this.#idleWaiters.splice(0)) idle();
  }

  /** Wakes the loop and waits until it is idle; resolves true if `timeoutMs` ran out first. */
  untilIdle(timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      let cancel: (() => void) | undefined;
      const settle = (timedOut: boolean) => {
        cancel?.();
        resolve(timedOut);
      };
      this.#idleWaiters.push(() => settle(false));
      cancel = this.scheduler.setTimeout(() => settle(true), timeoutMs);
      this.wake();
    });
  }
}
