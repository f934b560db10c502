import { MAX_BODY_BYTES } from "../../ingest/body.ts";
import type { HeldHistory } from "./held-history.ts";

export interface BatchLimits {
  /** A batch goes once the oldest queued change has waited this long. */
  lingerMs: number;
  /** ...or once this many statuses are queued; no batch holds more. */
  maxEvents: number;
  /** ...or once the queued events would compress to about this many bytes. */
  targetGzipBytes: number;
  /** No body passes this many bytes before compression: the ingest refuses anything larger. */
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: BatchLimits = {
  lingerMs: 250,
  maxEvents: 500,
  targetGzipBytes: 256 * 1024,
  maxBodyBytes: MAX_BODY_BYTES,
};

// Status JSON compresses 6-12x; starting low only makes the first large batches smaller than needed.
const INITIAL_RATIO = 4;
// Small bodies compress poorly (gzip's fixed overhead) and never approach the target, so they do not teach the ratio.
const MIN_OBSERVED_BYTES = 16 * 1024;

/**
 * How many uncompressed bytes of events a batch may hold. The compressed size is only known after
 * gzip, so the target is reached through the compression ratio of recent batches, and the ingest's
 * hard limit caps the result whatever the ratio.
 */
export class BatchBudget {
  #ratio = INITIAL_RATIO;
  #cap: number;

  constructor(private readonly limits: BatchLimits) {
    this.#cap = limits.maxBodyBytes;
  }

  get bytes(): number {
    return Math.min(this.#cap, Math.floor(this.limits.targetGzipBytes * this.#ratio));
  }

  /** The hard limit in force: the ingest's, or less after the endpoint refused a body as too large. */
  get capBytes(): number {
    return this.#cap;
  }

  observe(rawBytes: number, compressedBytes: number): void {
    if (rawBytes < MIN_OBSERVED_BYTES || compressedBytes <= 0) return;
    this.#ratio = 0.8 * this.#ratio + 0.2 * (rawBytes / compressedBytes);
  }

  /**
   * Something between us and the ingest (a proxy, an API gateway) refused `refusedBytes` as too
   * large: stay under half of it from now on, as that limit is not going to change while we run.
   * Halving each time reaches single events in a few steps; one refused alone is dropped.
   */
  shrink(refusedBytes: number): void {
    this.#cap = Math.max(1, Math.min(this.#cap, Math.floor(refusedBytes / 2)));
  }
}

export type Readiness = { ready: true } | { ready: false; waitMs: number | undefined };

export interface QueueView {
  /** Statuses queued, over every object. */
  readonly events: number;
  readonly bytes: number;
  oldest(): Pick<HeldHistory, "enqueuedAt"> | undefined;
}

/**
 * Whether the queued deltas should go now; if not, how long until the linger runs out (undefined:
 * nothing queued, wait for an enqueue). `draining` (shutdown) sends whatever is queued at once.
 */
export function deltaReadiness(
  queue: QueueView,
  now: number,
  limits: BatchLimits,
  budgetBytes: number,
  draining: boolean,
): Readiness {
  const oldest = queue.oldest();
  if (oldest === undefined) return { ready: false, waitMs: undefined };
  if (draining || queue.events >= limits.maxEvents || queue.bytes >= budgetBytes) return { ready: true };
  const waited = now - oldest.enqueuedAt;
  return waited >= limits.lingerMs ? { ready: true } : { ready: false, waitMs: limits.lingerMs - waited };
}
