import type { Registry } from "prom-client";
import type { WatchReport, WireEvent } from "../../model/wire.ts";
import type { BackoffPolicy } from "./backoff.ts";
import type { BatchLimits } from "./batcher.ts";
import type { GateState } from "./failure-gate.ts";
import type { EnqueueResult } from "./history-queue.ts";
import type { Logger } from "./logger.ts";
import type { Scheduler } from "./scheduler.ts";
import type { SnapshotOutcome } from "./snapshot-job.ts";

export interface SenderOptions {
  /** Base URL of the ingest, e.g. `https://abc.lambda-url.eu-west-1.on.aws`. */
  endpoint: string;
  cluster: string;
  /** The cluster's HMAC secret; a function is asked at every send, so a rotated secret takes effect. */
  secret: string | (() => string);
  /** The relay's version, sent in every batch. */
  version: string;
  /** The config revision the relay runs with; see `setConfigRevision`. */
  configRevision?: string;
  /** The ingest holds another config revision than ours: fetch it. Called once per new revision. */
  onConfigRevision?: (revision: string) => unknown;
  /**
   * A batch with no events goes when nothing else was sent for this long (default and most 60 s;
   * `heartbeatIntervalFor(staleAfter)`), so a quiet cluster stays seen and learns its config revision.
   */
  heartbeatMs?: number;
  /** How the watches stand, carried by every batch; absent (a replay): no report. */
  watchReport?: () => WatchReport | undefined;
  /** The ingest misses a part of this snapshot (409): list again and send a new one. */
  onSnapshotRejected?: (snapshotId: string) => unknown;
  /** The relay's registry; a private one when absent. */
  registry?: Registry;
  logger?: Logger;
  scheduler?: Scheduler;
  random?: () => number;
  fetch?: typeof globalThis.fetch;
  limits?: Partial<BatchLimits>;
  backoff?: Partial<BackoffPolicy>;
  /** Consecutive failures that open the failure gate (default 5). */
  gateThreshold?: number;
  requestTimeoutMs?: number;
}

export interface SenderStats {
  /** Objects with statuses queued. */
  queued: number;
  /** Statuses queued, over every object. */
  queuedEvents: number;
  snapshotsPending: number;
  gate: GateState;
  consecutiveFailures: number;
  stopped: boolean;
}

export interface FlushResult {
  /** Everything queued was sent (acknowledged or refused for good) before the timeout. */
  complete: boolean;
  unsentEvents: number;
}

export interface Sender {
  /** Queues an object's status after those it holds; returns what became of it. Never blocks, never throws. */
  enqueue(event: WireEvent): EnqueueResult | "invalid" | "stopped";
  /**
   * Sends a snapshot of `kinds` (`group/Kind`) listed from `listedAt`, cut into parts sent in order,
   * and settles when the last part is acknowledged or the snapshot is given up. Deltas queued before
   * this call go first; deltas queued later may go between parts (the rule is in sender.ts,
   * `nextStep`). `events` is read part by part: do not change it until the promise settles.
   */
  sendSnapshot(
    kinds: readonly string[],
    listedAt: Date | string,
    events: readonly WireEvent[],
  ): Promise<SnapshotOutcome>;
  setConfigRevision(revision: string): void;
  /** From now on a heartbeat goes when nothing else was sent for `ms`. */
  setHeartbeatInterval(ms: number): void;
  /** Sends everything queued (no linger, backoff still honoured), then stops, waiting at most `timeoutMs`. */
  flush(timeoutMs: number): Promise<FlushResult>;
  stats(): SenderStats;
}
