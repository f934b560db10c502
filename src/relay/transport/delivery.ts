import type { BatchAck } from "../../model/wire.ts";
import type { BatchBudget } from "./batcher.ts";
import type { FailureGate } from "./failure-gate.ts";
import type { Logger } from "./logger.ts";
import type { TransportMetrics } from "./metrics.ts";
import { type PostOutcome, postBatch } from "./post-batch.ts";
import type { Scheduler } from "./scheduler.ts";
import type { SenderOptions } from "./sender-api.ts";

export interface DeliveryDeps {
  /** `{endpoint}/v1/clusters/{cluster}/events`. */
  url: string;
  secret: () => string;
  userAgent: string;
  fetch: typeof globalThis.fetch;
  scheduler: Scheduler;
  requestTimeoutMs: number;
  gate: FailureGate;
  budget: BatchBudget;
  metrics: TransportMetrics;
  log: Logger;
  onAck(ack: BatchAck, batch: ReadyBatch): void;
}

/** Where and how to post, from the sender's options. */
export function endpointOf(
  options: SenderOptions,
): Omit<DeliveryDeps, "scheduler" | "gate" | "budget" | "metrics" | "log" | "onAck"> {
  const secret = options.secret;
  return {
    url: `${options.endpoint.replace(/\/+$/, "")}/v1/clusters/${encodeURIComponent(options.cluster)}/events`,
    secret: typeof secret === "string" ? () => secret : secret,
    userAgent: `status-recorder-relay/${options.version}`,
    fetch: options.fetch ?? globalThis.fetch,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
  };
}

/** A body ready to post: gzipped, with what the logs and metrics need to know about it. */
export interface ReadyBatch {
  body: Uint8Array;
  rawBytes: number;
  mode: "delta" | "snapshot";
  seq: number;
  events: number;
  snapshotId?: string;
}

/**
 * One attempt to post one batch, with everything every attempt does whatever the batch: the
 * request timeout, the failure gate, the failure and send metrics, and the logs. What becomes of
 * the batch's events is the caller's business.
 */
export class Delivery {
  #inFlight: AbortController | undefined;

  constructor(private readonly deps: DeliveryDeps) {}

  async attempt(batch: ReadyBatch): Promise<PostOutcome> {
    const { gate, metrics, scheduler } = this.deps;
    if (gate.failures > 0) metrics.retries.inc();
    gate.beginAttempt();
    const controller = new AbortController();
    this.#inFlight = controller;
    const cancelTimeout = scheduler.setTimeout(
      () => controller.abort(new DOMException("the ingest did not answer in time", "TimeoutError")),
      this.deps.requestTimeoutMs,
    );
    const outcome = await postBatch({
      url: this.deps.url,
      secret: this.deps.secret(),
      body: batch.body,
      userAgent: this.deps.userAgent,
      fetch: this.deps.fetch,
      signal: controller.signal,
      now: () => scheduler.now(),
    });
    cancelTimeout();
    this.#inFlight = undefined;
    this.#record(batch, outcome);
    return outcome;
  }

  /** Cancels the request in flight (shutdown); its batch comes back as a retry. */
  abort(): void {
    this.#inFlight?.abort(new DOMException("the sender is stopping", "AbortError"));
  }

  #record(batch: ReadyBatch, outcome: PostOutcome): void {
    const { gate, metrics, log } = this.deps;
    const about = { mode: batch.mode, seq: batch.seq, events: batch.events, snapshotId: batch.snapshotId };
    if (outcome.kind === "retry") {
      const { waitMs, opened } = gate.recordFailure(this.deps.scheduler.now(), outcome.retryAfterMs);
      metrics.failures.inc({ reason: outcome.reason });
      if (outcome.reason === "aborted") return;
      log.warn("send failed, will retry", {
        ...about,
        reason: outcome.reason,
        status: outcome.status,
        message: outcome.message,
        retryInMs: waitMs,
        consecutiveFailures: gate.failures,
      });
      if (opened) {
        log.error("endpoint keeps failing: failure gate open, probing once per backoff interval", {
          consecutiveFailures: gate.failures,
          probeInMs: waitMs,
        });
      }
      return;
    }
    // Any answer but a retry means the endpoint is up and judging batches.
    const failures = gate.failures;
    if (gate.recordSuccess()) log.info("endpoint recovered: failure gate closed", { failures });
    if (outcome.kind === "acked") {
      metrics.batchesSent.inc({ mode: batch.mode });
      metrics.eventsSent.inc({ mode: batch.mode }, batch.events);
      this.deps.onAck(outcome.ack, batch);
    } else if (outcome.kind === "too-large") {
      this.deps.budget.shrink(batch.rawBytes);
      log.warn("the endpoint refused a batch as too large: sending smaller batches from now on", {
        ...about,
        bodyBytes: batch.rawBytes,
        maxBodyBytes: this.deps.budget.capBytes,
        message: outcome.message,
      });
    }
  }
}
