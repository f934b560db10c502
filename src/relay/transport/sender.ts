import { Registry } from "prom-client";
import type { BatchAck, Snapshot, WireEvent } from "../../model/wire.ts";
import { DEFAULT_BACKOFF } from "./backoff.ts";
import type { BatchEnvelope } from "./batch-body.ts";
import { BatchBudget, type BatchLimits, DEFAULT_LIMITS, deltaReadiness } from "./batcher.ts";
import { Delivery } from "./delivery.ts";
import { DeltaLane } from "./delta-lane.ts";
import { FailureGate } from "./failure-gate.ts";
import { MAX_HEARTBEAT_MS } from "./heartbeat.ts";
import { type EnqueueResult, eventKeyOf, HistoryQueue } from "./history-queue.ts";
import { Isolation } from "./isolation.ts";
import type { LaneDeps } from "./lane.ts";
import { type Logger, silentLogger } from "./logger.ts";
import { createTransportMetrics, type TransportMetrics } from "./metrics.ts";
import { type Scheduler, systemScheduler } from "./scheduler.ts";
import type { FlushResult, Sender, SenderOptions, SenderStats } from "./sender-api.ts";
import type { SnapshotJob, SnapshotOutcome } from "./snapshot-job.ts";
import { SnapshotLane } from "./snapshot-lane.ts";
import { problemWith } from "./validate-event.ts";

type Step =
  | { kind: "wait"; ms: number | undefined }
  | { kind: "delta" }
  | { kind: "heartbeat" }
  | { kind: "snapshot"; job: SnapshotJob };

/** The relay's outbound half: history queue in, one signed gzip batch in flight at a time out. */
export function createSender(options: SenderOptions): Sender {
  return new QueueSender(options);
}

class QueueSender implements Sender {
  readonly #queue = new HistoryQueue();
  readonly #isolation = new Isolation();
  readonly #limits: BatchLimits;
  readonly #budget: BatchBudget;
  readonly #gate: FailureGate;
  readonly #scheduler: Scheduler;
  readonly #log: Logger;
  readonly #metrics: TransportMetrics;
  readonly #delivery: Delivery;
  readonly #deltas: DeltaLane;
  readonly #snapshots: SnapshotLane;
  readonly #epoch: number;
  readonly #loop: Promise<void>;
  #configRevision: string;
  #announcedRevision: string | undefined;
  #heartbeatMs: number;
  /** When the last batch was attempted: a heartbeat is due once nothing was sent for `#heartbeatMs`. */
  #lastSentAt: number;
  /** When the ingest last acknowledged a batch. */
  #lastAckedAt: number;
  #seq = 0;
  #lastStep: Step["kind"] = "snapshot";
  #draining = false;
  #stopped = false;
  #wake: (() => void) | undefined;
  #idleWaiters: (() => void)[] = [];
  #flushed: Promise<FlushResult> | undefined;

  constructor(private readonly options: SenderOptions) {
    const scheduler = options.scheduler ?? systemScheduler;
    this.#scheduler = scheduler;
    this.#log = options.logger ?? silentLogger;
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#budget = new BatchBudget(this.#limits);
    this.#gate = new FailureGate({
      threshold: options.gateThreshold ?? 5,
      policy: { ...DEFAULT_BACKOFF, ...options.backoff },
      random: options.random ?? Math.random,
    });
    this.#epoch = scheduler.now();
    this.#lastSentAt = this.#epoch;
    this.#lastAckedAt = this.#epoch;
    this.#heartbeatMs = options.heartbeatMs ?? MAX_HEARTBEAT_MS;
    this.#configRevision = options.configRevision ?? "";
    this.#metrics = createTransportMetrics(options.registry ?? new Registry(), {
      queueDepth: () => this.#queue.size,
      queueEvents: () => this.#queue.events,
      oldestQueuedAgeSeconds: () => {
        const oldest = this.#queue.oldest();
        return oldest ? (scheduler.now() - oldest.enqueuedAt) / 1000 : 0;
      },
      gateState: () => this.#gate.state,
      snapshotsPending: () => this.#snapshots.pending,
    });
    const secret = options.secret;
    this.#delivery = new Delivery({
      url: `${options.endpoint.replace(/\/+$/, "")}/v1/clusters/${encodeURIComponent(options.cluster)}/events`,
      secret: typeof secret === "string" ? () => secret : secret,
      userAgent: `status-recorder-relay/${options.version}`,
      fetch: options.fetch ?? globalThis.fetch,
      scheduler,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      gate: this.#gate,
      budget: this.#budget,
      metrics: this.#metrics,
      log: this.#log,
      onAck: (ack, batch) => {
        this.#lastAckedAt = scheduler.now();
        // Any batch going through says the ingest works: evidence against an object failing alone.
        if (batch.mode === "snapshot") this.#isolation.acked([]);
        this.#checkRevision(ack);
      },
    });
    const lane: LaneDeps = {
      delivery: this.#delivery,
      budget: this.#budget,
      limits: this.#limits,
      metrics: this.#metrics,
      log: this.#log,
      envelope: (mode, snapshot) => this.#envelope(mode, snapshot),
      now: () => scheduler.now(),
      stopped: () => this.#stopped,
    };
    this.#deltas = new DeltaLane(this.#queue, this.#isolation, lane);
    this.#snapshots = new SnapshotLane(lane, this.#epoch.toString(36), (id) =>
      this.#callHook("onSnapshotRejected", () => options.onSnapshotRejected?.(id)),
    );
    this.#loop = this.#run();
  }

  enqueue(event: WireEvent): EnqueueResult | "invalid" | "stopped" {
    if (this.#stopped) {
      this.#metrics.droppedEvents.inc({ reason: "stopped" });
      return "stopped";
    }
    const problem = problemWith(event);
    if (problem) {
      this.#log.error("change not sent: the ingest would refuse it", { object: eventKeyOf(event), problem });
      this.#metrics.droppedEvents.inc({ reason: "invalid" });
      return "invalid";
    }
    const { events, bytes } = this.#queue;
    const now = this.#scheduler.now();
    // A listed status this one displaces from a snapshot not yet delivered goes first, as a delta:
    // it was observed, so history must hold it (SnapshotJob.supersede).
    const displaced = this.#snapshots.pending > 0 ? this.#snapshots.supersede(eventKeyOf(event), event) : [];
    let dropped = 0;
    for (const listed of displaced) dropped += this.#queue.enqueue(listed, now).dropped;
    const enqueued = this.#queue.enqueue(event, now);
    const { result } = enqueued;
    dropped += enqueued.dropped;
    if (dropped > 0) this.#metrics.historyGaps.inc(dropped);
    // Wake the loop only when this changes its plan: the first entry starts the linger, a full
    // batch ends it. Waking on every enqueue would cost a timer per event.
    const { maxEvents } = this.#limits;
    const budget = this.#budget.bytes;
    const full = events < maxEvents && this.#queue.events >= maxEvents;
    if (events === 0 || full || (bytes < budget && this.#queue.bytes >= budget)) this.#wake?.();
    return result;
  }

  sendSnapshot(
    kinds: readonly string[],
    listedAt: Date | string,
    events: readonly WireEvent[],
  ): Promise<SnapshotOutcome> {
    if (this.#stopped) return Promise.resolve("stopped");
    const listed = new Date(listedAt).toISOString();
    const job = this.#snapshots.add(kinds, listed, events, this.#queue.lastSeq);
    this.#wake?.();
    return job.done;
  }

  setConfigRevision(revision: string): void {
    this.#configRevision = revision;
    this.#announcedRevision = undefined;
  }

  setHeartbeatInterval(ms: number): void {
    if (ms === this.#heartbeatMs) return;
    this.#heartbeatMs = ms;
    this.#wake?.();
  }

  flush(timeoutMs: number): Promise<FlushResult> {
    this.#flushed ??= this.#drain(timeoutMs);
    return this.#flushed;
  }

  stats(): SenderStats {
    return {
      queued: this.#queue.size,
      queuedEvents: this.#queue.events,
      snapshotsPending: this.#snapshots.pending,
      gate: this.#gate.state,
      consecutiveFailures: this.#gate.failures,
      stopped: this.#stopped,
    };
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      const step = this.#nextStep(this.#scheduler.now());
      if (step.kind === "wait") {
        if (this.#queue.size === 0 && this.#snapshots.pending === 0) {
          for (const idle of this.#idleWaiters.splice(0)) idle();
        }
        await this.#sleep(step.ms);
        continue;
      }
      this.#lastStep = step.kind === "snapshot" ? "snapshot" : "delta";
      this.#lastSentAt = this.#scheduler.now();
      try {
        if (step.kind === "snapshot") await this.#snapshots.send(step.job);
        else await this.#deltas.send(step.kind === "heartbeat");
      } catch (error) {
        // A bug here must not end delivery for good: report it, back off, go on.
        const { stack } = error as Error;
        this.#log.error("unexpected error in the sender", { error: String(error), stack });
        this.#gate.recordFailure(this.#scheduler.now());
      }
    }
  }

  /**
   * What to do next. One batch is in flight at a time, so batches reach the ingest in the order
   * sent. Between deltas and snapshots the rule follows from the store, which at a snapshot's last
   * part tombstones only objects that no part named and that were last seen before `listedAt`:
   * 1. Deltas queued before `sendSnapshot` was called go before its first part, so the last part
   *    judges them: an UPSERT of an object the listing no longer found (its DELETE lost while the
   *    watch was broken) gets tombstoned. Sent after the last part, it would record the object as
   *    live with nothing left to correct it.
   * 2. Deltas queued later were observed after `listedAt`, so no part tombstones them. They may
   *    go between parts, and do, alternating with parts when both are due, so neither starves the
   *    other. Parts carry listed statuses only, never a newer one (which would make the store
   *    take the deltas before it as stale), and a listed status a delta supersedes is queued as a
   *    delta just before it (SnapshotJob.supersede), so history gets both, in order, whichever
   *    of part and deltas arrives first.
   * With nothing due for the heartbeat interval, a heartbeat goes (an empty delta), so a quiet
   * cluster stays seen and its relay learns a new config revision from the answer.
   */
  #nextStep(now: number): Step {
    const job = this.#snapshots.head();
    const readiness = deltaReadiness(this.#queue, now, this.#limits, this.#budget.bytes, this.#draining);
    const beforeJob = job !== undefined && (this.#queue.oldest()?.seq ?? Infinity) <= job.barrierSeq;
    const deltasDue = readiness.ready || beforeJob;
    const snapshotDue = job !== undefined && !beforeJob;
    const heartbeatWait = this.#draining
      ? Number.POSITIVE_INFINITY
      : this.#lastSentAt + this.#heartbeatMs - now;
    if (!deltasDue && !snapshotDue && heartbeatWait > 0) {
      const waitMs = readiness.ready
        ? 0
        : Math.min(readiness.waitMs ?? Number.POSITIVE_INFINITY, heartbeatWait);
      return { kind: "wait", ms: Number.isFinite(waitMs) ? waitMs : undefined };
    }
    const gateWait = this.#gate.nextAttemptAt - now;
    if (gateWait > 0) return { kind: "wait", ms: gateWait };
    if (job && snapshotDue && (!deltasDue || this.#lastStep === "delta")) return { kind: "snapshot", job };
    if (!deltasDue || this.#probeFirst(now)) return { kind: "heartbeat" };
    return { kind: "delta" };
  }

  /**
   * Whether a heartbeat goes before the object at the head of the queue, which failed alone: only
   * another batch succeeding tells a poison event from an ingest that is down (see Isolation), and
   * with nothing else queued, a heartbeat is that batch, once per interval.
   */
  #probeFirst(now: number): boolean {
    const head = this.#queue.oldest();
    if (this.#draining || !head || !this.#isolation.suspects.has(head.key)) return false;
    return now - this.#lastAckedAt >= this.#heartbeatMs;
  }

  #envelope(mode: "delta" | "snapshot", snapshot?: Snapshot): BatchEnvelope {
    // The interval rides along so the ingest paces its record of visits by it (cluster-visit.ts).
    const heartbeatSeconds = this.#heartbeatMs / 1000;
    const relay = { version: this.options.version, epoch: this.#epoch, seq: ++this.#seq, heartbeatSeconds };
    const watch = this.options.watchReport?.();
    return {
      relay,
      mode,
      ...(snapshot ? { snapshot } : {}),
      configRevision: this.#configRevision,
      ...(watch ? { watch } : {}),
    };
  }

  #checkRevision(ack: BatchAck): void {
    const revision = ack.configRevision;
    if (revision === this.#configRevision || revision === this.#announcedRevision) return;
    this.#announcedRevision = revision;
    this.#log.info("the ingest holds another config revision", { current: this.#configRevision, revision });
    this.#callHook("onConfigRevision", () => this.options.onConfigRevision?.(revision));
  }

  /** Hooks belong to other parts of the relay: whatever they do, the sender goes on. */
  #callHook(hook: string, call: () => unknown): void {
    const failed = (error: unknown) => this.#log.error("hook failed", { hook, error: String(error) });
    try {
      Promise.resolve(call()).catch(failed);
    } catch (error) {
      failed(error);
    }
  }

  #sleep(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      let cancel: (() => void) | undefined;
      const done = () => {
        cancel?.();
        this.#wake = undefined;
        resolve();
      };
      this.#wake = done;
      if (ms !== undefined) cancel = this.#scheduler.setTimeout(done, Math.max(0, ms));
    });
  }

  async #drain(timeoutMs: number): Promise<FlushResult> {
    this.#draining = true;
    let cancel: (() => void) | undefined;
    const timedOut = await new Promise<boolean>((resolve) => {
      this.#idleWaiters.push(() => resolve(false));
      cancel = this.#scheduler.setTimeout(() => resolve(true), timeoutMs);
      this.#wake?.();
    });
    cancel?.();
    this.#stopped = true;
    this.#delivery.abort();
    this.#wake?.();
    await this.#loop;
    this.#snapshots.stopAll();
    const unsentEvents = this.#queue.size;
    const complete = !timedOut && unsentEvents === 0;
    if (complete) this.#log.info("sender flushed and stopped");
    else this.#log.warn("sender stopped with changes unsent", { unsentEvents, timeoutMs });
    return { complete, unsentEvents };
  }
}
