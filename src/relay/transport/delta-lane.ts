import { encodeBatch, envelopeBytes } from "./batch-body.ts";
import type { CoalescingQueue, QueuedEvent } from "./coalescing-queue.ts";
import { type LaneDeps, refusal } from "./lane.ts";
import { compress, type PostOutcome } from "./post-batch.ts";

/** Sends the oldest queued deltas as one batch, and settles them by the reply. */
export class DeltaLane {
  constructor(
    private readonly queue: CoalescingQueue,
    private readonly deps: LaneDeps,
  ) {}

  async send(): Promise<void> {
    const { budget, limits, delivery } = this.deps;
    const envelope = this.deps.envelope("delta");
    const { seq } = envelope.relay;
    const entries = this.queue.take(limits.maxEvents, budget.bytes - envelopeBytes(envelope));
    let settled = false;
    try {
      const encoded = encodeBatch(envelope, entries);
      if (encoded.bytes > budget.capBytes) {
        settled = true; // only a lone event larger than any body allowed gets here
        return this.#drop(entries, seq, "too_large", `${encoded.bytes} bytes is over the limit`);
      }
      const body = await compress(encoded.text);
      budget.observe(encoded.bytes, body.byteLength);
      if (this.deps.stopped()) return; // stopped while compressing: the entries go back
      const outcome = await delivery.attempt({
        body,
        rawBytes: encoded.bytes,
        mode: "delta",
        seq,
        events: entries.length,
      });
      settled = true;
      this.#settle(entries, seq, outcome);
    } finally {
      if (!settled) this.queue.putBack(entries);
    }
  }

  #settle(entries: QueuedEvent[], seq: number, outcome: PostOutcome): void {
    if (outcome.kind === "acked") {
      const now = this.deps.now();
      for (const entry of entries) this.deps.metrics.ackLag.observe((now - entry.enqueuedAt) / 1000);
    } else if (outcome.kind === "retry" || (outcome.kind === "too-large" && entries.length > 1)) {
      // Objects queued again meanwhile keep their newer status (see CoalescingQueue.putBack).
      this.queue.putBack(entries);
    } else {
      const reason = outcome.kind === "too-large" ? "too_large" : "rejected";
      this.#drop(entries, seq, reason, outcome.message, outcome);
    }
  }

  /** The ingest will never accept this batch (DESIGN.md: 4xx is not retried): say so loudly, go on. */
  #drop(entries: QueuedEvent[], seq: number, reason: string, message: string, outcome?: PostOutcome): void {
    this.deps.metrics.droppedBatches.inc({ reason });
    this.deps.metrics.droppedEvents.inc({ reason }, entries.length);
    this.deps.log.error("batch dropped: the ingest will never accept it", {
      mode: "delta",
      seq,
      reason,
      message,
      ...refusal(outcome),
      events: entries.length,
      objects: entries.slice(0, 10).map((e) => e.key),
    });
  }
}
