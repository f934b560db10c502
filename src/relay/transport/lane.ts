import type { Snapshot } from "../../model/wire.ts";
import type { BatchEnvelope } from "./batch-body.ts";
import type { BatchBudget, BatchLimits } from "./batcher.ts";
import type { Delivery } from "./delivery.ts";
import type { Logger } from "./logger.ts";
import type { TransportMetrics } from "./metrics.ts";
import type { PostOutcome } from "./post-batch.ts";

/** What the delta and snapshot lanes share: one delivery, one budget, one sequence of batches. */
export interface LaneDeps {
  delivery: Delivery;
  budget: BatchBudget;
  limits: BatchLimits;
  metrics: TransportMetrics;
  log: Logger;
  /** The next batch's envelope; takes the next `seq`. */
  envelope(mode: "delta" | "snapshot", snapshot?: Snapshot): BatchEnvelope;
  now(): number;
  stopped(): boolean;
}

/** The reply's details worth a log line when a batch is given up. */
export function refusal(outcome: PostOutcome | undefined): Record<string, unknown> {
  if (outcome === undefined || outcome.kind === "acked") return {};
  return {
    status: "status" in outcome ? outcome.status : undefined,
    issues: outcome.kind === "rejected" ? outcome.issues : undefined,
  };
}
