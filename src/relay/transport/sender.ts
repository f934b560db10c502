import { Registry } from "prom-client";
import type { BatchAck, WireEvent } from "../../model/wire.ts";
import { DEFAULT_BACKOFF } from "./backoff.ts";
import { BatchBudget, type BatchLimits, DEFAULT_LIMITS, deltaReadiness } from "./batcher.ts";
import { callHook } from "./call-hook.ts";
import { Delivery, endpointOf } from "./delivery.ts";
import { DeltaLane } from "./delta-lane.ts";
import { FailureGate } from "./failure-gate.ts";
import { MAX_HEARTBEAT_MS } from "./heartbeat.ts";
import { type EnqueueResult, eventKeyOf, HistoryQueue } from "./history-queue.ts";
import { Isolation } from "./isolation.ts";
import type { LaneDeps } from "./lane.ts";
import { type Logger, silentLogger } from "./logger.ts";
import { LoopWait } from "./loop-wait.ts";
import { createTransportMetrics, type TransportMetrics } from "./metrics.ts";
import { nextStep, type Step } from "./next-step.ts";
import { RelayEnvelope } from "./relay-envelope.ts";
import { type Scheduler, systemScheduler } from "./scheduler.ts";
import type { FlushResult, Sender, SenderOptions, SenderStats } from "./sender-api.ts";
import type { SnapshotOutcome } from "./snapshot-job.ts";
import { SnapshotLane } from "./snapshot-lane.ts";
import { problemWith } from "./validate-event.ts";

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
  readonly #wait: LoopWait;
  readonly #relay: RelayEnvelope;
  #heartbeatMs: number;
  /** When the last batch was attempted: a heartbeat is due once nothing was sent for `#heartbeatMs`. */
  #lastSentAt: number;
  /** When the ingest last acknowledged a batch. */
  #lastAckedAt: number;
  #lastStep: "delta" | "snapshot" = "snapshot";
  #draining = false;
  #stopped = false;
  #flushed: Promise<FlushResult> | undefined;

  constructor(private readonly options: SenderOptions) {
    const scheduler = options.scheduler ?? systemScheduler;
    this.#scheduler = scheduler;
    this.#wait = new LoopWait(scheduler);
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
    this.#relay = new RelayEnvelope(options, this.#epoch, options.configRevision ?? "");
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
    this.#delivery = new Delivery({
      ...endpointOf(options),
      scheduler,
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
      envelope: (mode, snapshot) => this.#relay.envelope(mode, this.#heartbeatMs, snapshot),
      now: () => scheduler.now(),
      stopped: () => this.#stopped,
    };
    this.#deltas = new DeltaLane(this.#queue, this.#isolation, lane);
    this.#snapshots = new SnapshotLane(lane, this.#epoch.toString(36), (id) =>
      callHook(this.#log, "onSnapshotRejected", () => options.onSnapshotRejected?.(id)),
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
    if (events === 0 || full || (bytes < budget && this.#queue.bytes >= budget)) this.#wait.wake();
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
    this.#wait.wake();
    return job.done;
  }

  setConfigRevision(revision: string): void {
    this.#relay.setConfigRevision(revision);
  }

  setHeartbeatInterval(ms: number): void {
    if (ms === this.#heartbeatMs) return;
    this.#heartbeatMs = ms;
    this.#wait.wake();
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
      const step = this.#nextStep();
      if (step.kind === "wait") {
        if (this.#queue.size === 0 && this.#snapshots.pending === 0) this.#wait.idle();
        await this.#wait.sleep(step.ms);
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

  #nextStep(): Step {
    const now = this.#scheduler.now();
    return nextStep({
      now,
      oldest: this.#queue.oldest(),
      readiness: deltaReadiness(this.#queue, now, this.#limits, this.#budget.bytes, this.#draining),
      job: this.#snapshots.head(),
      draining: this.#draining,
      lastSentAt: this.#lastSentAt,
      lastAckedAt: this.#lastAckedAt,
      heartbeatMs: this.#heartbeatMs,
      nextAttemptAt: this.#gate.nextAttemptAt,
      lastStep: this.#lastStep,
      suspects: this.#isolation.suspects,
    });
  }

  #checkRevision(ack: BatchAck): void {
    const revision = this.#relay.newRevision(ack);
    if (revision === undefined) return;
    const current = this.#relay.configRevision;
    this.#log.info("the ingest holds another config revision", { current, revision });
    callHook(this.#log, "onConfigRevision", () => this.options.onConfigRevision?.(revision));
  }

  async #drain(timeoutMs: number): Promise<FlushResult> {
    this.#draining = true;
    const timedOut = await this.#wait.untilIdle(timeoutMs);
    this.#stopped = true;
    this.#delivery.abort();
    this.#wait.wake();
    await this.#loop;
    this.#snapshots.stopAll();
    const unsentEvents = this.#queue.size;
    const complete = !timedOut && unsentEvents === 0;
    if (complete) this.#log.info("sender flushed and stopped");
    else this.#log.warn("sender stopped with changes unsent", { unsentEvents, timeoutMs });
    return { complete, unsentEvents };
  }
}
