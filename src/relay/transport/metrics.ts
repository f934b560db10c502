import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { GateState } from "./failure-gate.ts";

const PREFIX = "status_recorder_relay_";

/** What the gauges read at scrape time, so the hot path keeps no gauge up to date. */
export interface TransportProbes {
  queueDepth(): number;
  queueEvents(): number;
  /** Seconds the oldest queued change has waited; 0 when nothing is queued. */
  oldestQueuedAgeSeconds(): number;
  gateState(): GateState;
  snapshotsPending(): number;
}

const GATE_VALUE: Record<GateState, number> = { closed: 0, open: 1, "half-open": 2 };

// Lag from enqueue to ack: the linger (0.25 s) at best, minutes while the endpoint is down.
const LAG_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 3600];

export type TransportMetrics = ReturnType<typeof createTransportMetrics>;

/** The transport's families, registered in `registry` (the relay's own, never prom-client's global one). */
export function createTransportMetrics(registry: Registry, probes: TransportProbes) {
  const registers = [registry];
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name: PREFIX + name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  gauge("queue_depth", "Objects with status changes not yet acknowledged by the ingest.", probes.queueDepth);
  gauge(
    "queue_oldest_age_seconds",
    "How long the oldest queued change has waited.",
    probes.oldestQueuedAgeSeconds,
  );
  gauge(
    "gate_state",
    "Failure gate: 0 closed (sending), 1 open (endpoint failing), 2 half-open (probing).",
    () => GATE_VALUE[probes.gateState()],
  );
  gauge("queue_events", "Statuses held for the ingest, over every queued object.", probes.queueEvents);
  gauge("snapshots_pending", "Snapshots waiting to be sent or being sent.", probes.snapshotsPending);
  return {
    batchesSent: new Counter({
      name: `${PREFIX}batches_sent_total`,
      help: "Batches the ingest acknowledged, by mode (delta or snapshot).",
      labelNames: ["mode"] as const,
      registers,
    }),
    eventsSent: new Counter({
      name: `${PREFIX}events_sent_total`,
      help: "Events in batches the ingest acknowledged, by mode.",
      labelNames: ["mode"] as const,
      registers,
    }),
    historyGaps: new Counter({
      name: `${PREFIX}history_gap_statuses_total`,
      help: "Observed statuses not sent because their object's held history was at its bound: sent as a counted gap.",
      registers,
    }),
    eventsRejected: new Counter({
      name: `${PREFIX}events_rejected_total`,
      help: "Events the ingest acknowledged but could not store (listed in its answer); never sent again.",
      registers,
    }),
    failures: new Counter({
      name: `${PREFIX}send_failures_total`,
      help: "Failed sends that will be retried, by reason (network, timeout, throttled, server, auth, endpoint, bad_ack, aborted).",
      labelNames: ["reason"] as const,
      registers,
    }),
    retries: new Counter({
      name: `${PREFIX}send_retries_total`,
      help: "Send attempts made after a failed one.",
      registers,
    }),
    droppedBatches: new Counter({
      name: `${PREFIX}dropped_batches_total`,
      help: "Batches given up for good, by reason (rejected, too_large, poison, invalid).",
      labelNames: ["reason"] as const,
      registers,
    }),
    droppedEvents: new Counter({
      name: `${PREFIX}dropped_events_total`,
      help: "Events given up for good, by reason (rejected, too_large, poison: failing alone while others succeed, invalid, stopped).",
      labelNames: ["reason"] as const,
      registers,
    }),
    snapshots: new Counter({
      name: `${PREFIX}snapshots_total`,
      help: "Snapshots finished, by outcome (completed, rejected, dropped, superseded, stopped).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    ackLag: new Histogram({
      name: `${PREFIX}ack_lag_seconds`,
      help: "Time from a change being queued to the ingest acknowledging it.",
      buckets: LAG_BUCKETS,
      registers,
    }),
  };
}
