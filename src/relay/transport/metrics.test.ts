import { Registry, register } from "prom-client";
import { describe, expect, it } from "vitest";
import { createTransportMetrics } from "./metrics.ts";
import { metricValue } from "./testing/metric-value.ts";

const probes = {
  queueDepth: () => 42,
  queueEvents: () => 0,
  oldestQueuedAgeSeconds: () => 1.5,
  gateState: () => "half-open" as const,
  snapshotsPending: () => 1,
};

describe("createTransportMetrics", () => {
  it("registers its families in the registry given, never in prom-client's global one", async () => {
    const registry = new Registry();
    createTransportMetrics(registry, probes);
    expect(await registry.metrics()).toContain("status_recorder_relay_batches_sent_total");
    expect(register.getSingleMetric("status_recorder_relay_batches_sent_total")).toBeUndefined();
  });

  it("reads queue depth, oldest age and gate state at scrape time", async () => {
    const registry = new Registry();
    createTransportMetrics(registry, probes);
    expect(await metricValue(registry, "status_recorder_relay_queue_depth")).toBe(42);
    expect(await metricValue(registry, "status_recorder_relay_queue_oldest_age_seconds")).toBe(1.5);
    expect(await metricValue(registry, "status_recorder_relay_gate_state")).toBe(2);
    expect(await metricValue(registry, "status_recorder_relay_snapshots_pending")).toBe(1);
  });

  it("lets two senders keep their own registries side by side", () => {
    expect(() => {
      createTransportMetrics(new Registry(), probes);
      createTransportMetrics(new Registry(), probes);
    }).not.toThrow();
  });
});
