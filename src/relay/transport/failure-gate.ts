import { type BackoffPolicy, backoffCeiling, fullJitter } from "./backoff.ts";

/** closed: sending; open: failing, waiting to probe; half-open: the probe is in flight. */
export type GateState = "closed" | "open" | "half-open";

export interface FailureGateOptions {
  /** Consecutive failures that open the gate. */
  threshold: number;
  policy: BackoffPolicy;
  random: () => number;
}

/**
 * Paces attempts at a failing endpoint (a circuit breaker). Below the threshold each retry waits a
 * full-jitter backoff; from the threshold on the gate is open, and one probe goes per backoff
 * interval (the whole interval, not a jittered part of it), so a down endpoint sees one request per
 * relay per interval however much is queued. A Retry-After longer than the wait wins. The first
 * success closes the gate.
 */
export class FailureGate {
  #state: GateState = "closed";
  #failures = 0;
  #nextAttemptAt = 0;

  constructor(private readonly options: FailureGateOptions) {}

  get state(): GateState {
    return this.#state;
  }

  get failures(): number {
    return this.#failures;
  }

  /** No attempt before this time (ms). */
  get nextAttemptAt(): number {
    return this.#nextAttemptAt;
  }

  /** Marks an attempt as begun; an attempt through an open gate is its probe. */
  beginAttempt(): void {
    if (this.#state === "open") this.#state = "half-open";
  }

  /** Returns the wait (ms) before the next attempt, and whether this failure opened the gate. */
  recordFailure(now: number, retryAfterMs?: number): { waitMs: number; opened: boolean } {
    const { threshold, policy, random } = this.options;
    const wasClosed = this.#state === "closed";
    this.#failures++;
    this.#state = this.#failures >= threshold ? "open" : "closed";
    const backoff =
      this.#state === "open"
        ? backoffCeiling(this.#failures, policy)
        : fullJitter(this.#failures, policy, random);
    const asked = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, policy.maxRetryAfterMs);
    const wait = Math.max(backoff, asked);
    this.#nextAttemptAt = now + wait;
    return { waitMs: wait, opened: wasClosed && this.#state === "open" };
  }

  /** Returns whether the gate had been open (the endpoint has recovered). */
  recordSuccess(): boolean {
    const wasOpen = this.#state !== "closed";
    this.#state = "closed";
    this.#failures = 0;
    this.#nextAttemptAt = 0;
    return wasOpen;
  }
}
