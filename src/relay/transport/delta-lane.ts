import type { BatchAck } from "../../model/wire.ts";
import { encodeBatch, envelopeBytes } from "./batch-body.ts";
import type { HistoryQueue, Taken } from "./history-queue.ts";
import type { Isolation } from "./isolation.ts";
import { type LaneDeps, refusal } from "./lane.ts";
import { compress, type PostOutcome } from "./post-batch.ts";

const NOTHING: Taken = { events: [], histories: [] };

/** Sends the oldest queued deltas as one batch (none: a heartbeat), and settles them by the reply. */
export class DeltaLane {
  constructor(
    private readonly queue: HistoryQueue,
    private readonly isolation: Isolation,
    private readonly deps: LaneDeps,
  ) {}

  /** Sends the oldest queued deltas; `heartbeat`: none, only the envelope. */
  async send(heartbeat = false): Promise<void> {
    const { budget, limits, delivery } = this.deps;
    const envelope = this.deps.envelope("delta");
    const { seq } = envelope.relay;
    const room = budget.bytes - envelopeBytes(envelope);
    const { maxSlots, suspects } = this.isolation;
    const taken = heartbeat ? NOTHING : this.queue.take(limits.maxEvents, room, maxSlots, suspects);
    let settled = false;
    try {
      const encoded = encodeBatch(envelope, taken.events);
      if (encoded.bytes > budget.capBytes) {
        settled = true; // only a lone event larger than any body allowed gets here
        return this.#drop(taken, seq, "too_large", `${encoded.bytes} bytes is over the limit`);
      }
      const body = await compress(encoded.text);
      budget.observe(encoded.bytes, body.byteLength);
      if (this.deps.stopped()) return; // stopped while compressing: the entries go back
      const outcome = await delivery.attempt({
        body,
        rawBytes: encoded.bytes,
        mode: "delta",
        seq,
        events: taken.events.length,
      });
      settled = true;
      this.#settle(taken, seq, outcome);
    } finally {
      if (!settled) this.#putBack(taken);
    }
  }

  #settle(taken: Taken, seq: number, outcome: PostOutcome): void {
    const keys = taken.histories.map((h) => h.key);
    if (outcome.kind === "acked") {
      this.isolation.acked(keys);
      const now = this.deps.now();
      for (const history of taken.histories) {
        for (let i = 0; i < history.length; i++)
          this.deps.metrics.ackLag.observe((now - history.enqueuedAt) / 1000);
      }
      this.#reportRejected(taken, seq, outcome.ack);
    } else if (outcome.kind === "retry") {
      if (outcome.reason !== "server" || keys.length === 0) {
        this.isolation.failedOtherwise();
        this.#putBack(taken);
        return;
      }
      this.#serverError(taken, seq, keys, outcome);
    } else if (outcome.kind === "too-large" && taken.events.length > 1) {
      this.#putBack(taken);
    } else {
      const reason = outcome.kind === "too-large" ? "too_large" : "rejected";
      this.#drop(taken, seq, reason, outcome.message, outcome);
    }
  }

  #serverError(taken: Taken, seq: number, keys: string[], outcome: PostOutcome): void {
    const verdict = this.isolation.serverError(keys);
    if (verdict === "poison") {
      this.#drop(
        taken,
        seq,
        "poison",
        "the ingest keeps failing on this object's events alone while other batches go through",
        outcome,
      );
      return;
    }
    if (verdict === "suspect") {
      this.deps.log.warn("the ingest keeps failing on one object: sending it alone, after the others", {
        object: keys[0],
        ...refusal(outcome),
      });
      this.#putBack(taken, "back");
      return;
    }
    if (verdict === "split") {
      this.deps.log.warn("the ingest keeps failing on one batch: sending fewer objects per batch", {
        seq,
        objects: keys.length,
        maxObjects: this.isolation.maxSlots,
      });
    }
    this.#putBack(taken);
  }

  /** Events the ingest could not store: each said once, never sent again (DESIGN.md "Wire protocol"). */
  #reportRejected(taken: Taken, seq: number, ack: BatchAck): void {
    if (ack.rejected.length === 0) return;
    this.deps.metrics.eventsRejected.inc(ack.rejected.length);
    for (const { index, reason } of ack.rejected) {
      this.deps.log.error("event rejected: the ingest could not store it", {
        seq,
        index,
        object: taken.events[index]?.key,
        reason,
      });
    }
  }

  #putBack(taken: Taken, where: "front" | "back" = "front"): void {
    const dropped = this.queue.putBack(taken.histories, where);
    if (dropped > 0) this.deps.metrics.historyGaps.inc(dropped);
  }

  /** The ingest will never accept this batch (DESIGN.md: 4xx is not retried): say so loudly, go on. */
  #drop(taken: Taken, seq: number, reason: string, message: string, outcome?: PostOutcome): void {
    const count = taken.events.length;
    for (const history of taken.histories) this.isolation.forget(history.key);
    this.deps.metrics.droppedBatches.inc({ reason });
    this.deps.metrics.droppedEvents.inc({ reason }, count);
    const what =
      reason === "poison"
        ? "poison event dropped: its object's statuses fail alone while the ingest stores others"
        : "batch dropped: the ingest will never accept it";
    this.deps.log.error(what, {
      mode: "delta",
      seq,
      reason,
      message,
      ...refusal(outcome),
      events: count,
      objects: taken.histories.slice(0, 10).map((h) => h.key),
    });
  }
}
