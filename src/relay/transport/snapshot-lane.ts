import type { WireEvent } from "../../model/wire.ts";
import { encodeBatch, envelopeBytes } from "./batch-body.ts";
import type { ReadyBatch } from "./delivery.ts";
import { type LaneDeps, refusal } from "./lane.ts";
import { compress, type PostOutcome } from "./post-batch.ts";
import { SnapshotJob, type SnapshotOutcome, type SnapshotPart } from "./snapshot-job.ts";

interface PreparedPart {
  job: SnapshotJob;
  part: SnapshotPart;
  batch: ReadyBatch;
}

/** Snapshots waiting their turn, sent one part at a time, in order, the oldest snapshot first. */
export class SnapshotLane {
  readonly #jobs: SnapshotJob[] = [];
  /** The head snapshot's current part, kept as sent so a retry sends the very same bytes. */
  #prepared: PreparedPart | undefined;
  #count = 0;

  constructor(
    private readonly deps: LaneDeps,
    private readonly idPrefix: string,
    private readonly onRejected: (snapshotId: string) => void,
  ) {}

  get pending(): number {
    return this.#jobs.length;
  }

  head(): SnapshotJob | undefined {
    return this.#jobs[0];
  }

  add(kinds: readonly string[], listedAt: string, events: readonly WireEvent[], barrierSeq: number) {
    const job = new SnapshotJob(`${this.idPrefix}-${++this.#count}`, kinds, listedAt, barrierSeq, events);
    // A newer listing of the same kinds makes an older one that has not begun pointless.
    const covered = new Set(kinds);
    for (const older of this.#jobs.filter((j) => !j.started && j.kinds.every((k) => covered.has(k)))) {
      this.#finish(older, "superseded");
    }
    this.#jobs.push(job);
    this.deps.log.info("snapshot queued", { snapshotId: job.id, kinds: kinds.length, events: events.length });
    return job;
  }

  async send(job: SnapshotJob): Promise<void> {
    if (this.#prepared?.job === job && job.lastPartStale(this.#prepared.part)) {
      job.uncut(this.#prepared.part); // an object seen since must be named before anything is tombstoned
      this.#prepared = undefined;
    }
    if (this.#prepared?.job !== job) this.#prepared = await this.#prepare(job);
    const prepared = this.#prepared;
    if (!prepared || this.deps.stopped()) return;
    const outcome = await this.deps.delivery.attempt(prepared.batch);
    if (outcome.kind === "retry") return; // the same part again, after the backoff
    this.#prepared = undefined;
    const { part } = prepared;
    if (outcome.kind === "acked") {
      job.partAcked();
      if (part.snapshot.last) this.#finish(job, "completed");
    } else if (outcome.kind === "too-large" && part.events.length > 1) {
      job.uncut(part);
    } else if (outcome.kind === "snapshot-incomplete") {
      this.deps.log.warn("snapshot rejected: the ingest misses a part of it", {
        snapshotId: job.id,
        message: outcome.message,
      });
      this.#finish(job, "rejected");
      this.onRejected(job.id);
    } else {
      this.#abandon(job, outcome.kind === "too-large" ? "too_large" : "rejected", outcome.message, outcome);
    }
  }

  /**
   * A status seen after the listings: every pending snapshot names it as it is now. Returns the
   * listed statuses it displaced that no acknowledged part carried, oldest snapshot first, to be
   * sent as deltas before it (see SnapshotJob.supersede).
   */
  supersede(key: string, event: WireEvent): WireEvent[] {
    const displaced: WireEvent[] = [];
    for (const job of this.#jobs) {
      const listed = job.supersede(key, event);
      if (listed) displaced.push(listed);
    }
    return displaced;
  }

  /** Settles every snapshot not completed (shutdown). */
  stopAll(): void {
    for (const job of [...this.#jobs]) this.#finish(job, "stopped");
  }

  async #prepare(job: SnapshotJob): Promise<PreparedPart | undefined> {
    const { budget, limits } = this.deps;
    const envelope = this.deps.envelope("snapshot", job.header());
    const part = job.cut(limits.maxEvents, budget.bytes - envelopeBytes(envelope));
    if (part.invalid) return this.#abandon(job, "invalid", part.invalid);
    const encoded = encodeBatch({ ...envelope, snapshot: part.snapshot }, part.events);
    if (encoded.bytes > budget.capBytes) {
      return this.#abandon(job, "too_large", `${encoded.bytes} bytes is over the limit`);
    }
    const body = await compress(encoded.text);
    budget.observe(encoded.bytes, body.byteLength);
    const batch: ReadyBatch = {
      body,
      rawBytes: encoded.bytes,
      mode: "snapshot",
      seq: envelope.relay.seq,
      events: part.events.length,
      snapshotId: job.id,
    };
    return { job, part, batch };
  }

  /** Gives a snapshot up before its last part: nothing is tombstoned, so nothing stored is lost. */
  #abandon(job: SnapshotJob, reason: string, message: string, outcome?: PostOutcome): undefined {
    this.deps.metrics.droppedBatches.inc({ reason });
    this.deps.log.error("snapshot abandoned: the ingest will never accept it", {
      snapshotId: job.id,
      reason,
      message,
      ...refusal(outcome),
    });
    this.#finish(job, "dropped");
    return undefined;
  }

  #finish(job: SnapshotJob, outcome: SnapshotOutcome): void {
    const at = this.#jobs.indexOf(job);
    if (at >= 0) this.#jobs.splice(at, 1);
    if (this.#prepared?.job === job) this.#prepared = undefined;
    this.deps.metrics.snapshots.inc({ outcome });
    if (outcome === "completed") this.deps.log.info("snapshot completed", { snapshotId: job.id });
    job.settle(outcome);
  }
}
