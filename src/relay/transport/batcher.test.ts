import { describe, expect, it } from "vitest";
import { HEALTHY, upsert } from "../../store/testing/wire-events.ts";
import { BatchBudget, type BatchLimits, DEFAULT_LIMITS, deltaReadiness } from "./batcher.ts";
import { HistoryQueue } from "./history-queue.ts";

const limits: BatchLimits = DEFAULT_LIMITS;

function queueOf(count: number, enqueuedAt = 0): HistoryQueue {
  const queue = new HistoryQueue();
  for (let i = 0; i < count; i++) queue.enqueue(upsert(`obj-${i}`, i + 1, HEALTHY), enqueuedAt);
  return queue;
}

describe("deltaReadiness", () => {
  it("waits for an enqueue when nothing is queued", () => {
    expect(deltaReadiness(queueOf(0), 0, limits, 1e9, false)).toEqual({ ready: false, waitMs: undefined });
  });

  it("waits until 250 ms after the first queued change", () => {
    const queue = queueOf(3, 1000);
    expect(deltaReadiness(queue, 1100, limits, 1e9, false)).toEqual({ ready: false, waitMs: 150 });
    expect(deltaReadiness(queue, 1249, limits, 1e9, false).ready).toBe(false);
    expect(deltaReadiness(queue, 1250, limits, 1e9, false).ready).toBe(true);
  });

  it("is ready at once with 500 objects queued", () => {
    expect(deltaReadiness(queueOf(499), 0, limits, 1e9, false).ready).toBe(false);
    expect(deltaReadiness(queueOf(500), 0, limits, 1e9, false).ready).toBe(true);
  });

  it("is ready at once when the queued bytes reach the budget", () => {
    const queue = queueOf(10);
    expect(deltaReadiness(queue, 0, limits, queue.bytes + 1, false).ready).toBe(false);
    expect(deltaReadiness(queue, 0, limits, queue.bytes, false).ready).toBe(true);
  });

  it("sends whatever is queued at once while draining for shutdown", () => {
    expect(deltaReadiness(queueOf(1), 0, limits, 1e9, true).ready).toBe(true);
  });
});

describe("BatchBudget", () => {
  it("aims at 256 KiB of gzip through a conservative ratio before any batch was seen", () => {
    expect(new BatchBudget(limits).bytes).toBe(1024 * 1024);
    expect(new BatchBudget({ ...limits, targetGzipBytes: 64 * 1024 }).bytes).toBe(256 * 1024);
  });

  it("never allows more than the ingest's 1 MiB, however well batches compress", () => {
    const budget = new BatchBudget(limits);
    for (let i = 0; i < 20; i++) budget.observe(1_000_000, 50_000);
    expect(budget.bytes).toBe(1024 * 1024);
  });

  it("shrinks towards the target when batches compress poorly", () => {
    const budget = new BatchBudget(limits);
    for (let i = 0; i < 50; i++) budget.observe(500_000, 400_000);
    expect(budget.bytes).toBeLessThan(340 * 1024);
    expect(budget.bytes).toBeGreaterThan(300 * 1024);
  });

  it("learns nothing from small bodies, which compress poorly for other reasons", () => {
    const budget = new BatchBudget(limits);
    budget.observe(2000, 1900);
    expect(budget.bytes).toBe(1024 * 1024);
  });

  it("stays under half of a body the endpoint refused as too large", () => {
    const budget = new BatchBudget(limits);
    budget.shrink(600_000);
    expect(budget.capBytes).toBe(300_000);
    expect(budget.bytes).toBe(300_000);
  });
});
