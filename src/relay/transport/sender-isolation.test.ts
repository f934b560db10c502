import { describe, expect, it, vi } from "vitest";
import type { WireEvent } from "../../model/wire.ts";
import { HEALTHY, upsert } from "../../store/testing/wire-events.ts";
import { ack, failure } from "./testing/fake-ingest.ts";
import { metricValue } from "./testing/metric-value.ts";
import { senderHarness } from "./testing/sender-harness.ts";

// One event must not stall a cluster: what the ingest rejects alone is counted and never retried,
// and a 5xx that repeats for one batch is narrowed down to the object causing it.

const objects = (names: readonly string[]) => names.map((name, i) => upsert(name, i + 1, HEALTHY));
const NAMES = ["a", "b", "c", "d", "e", "poison", "g", "h"];
/** Real time for the loops below to move the test's clock on a loaded machine. */
const PATIENT = { timeout: 15_000, interval: 0 };

describe("sender: per-event rejects", () => {
  it("counts and logs each event the ingest rejected, and never sends it again", async () => {
    const { scheduler, ingest, sender, registry, logs } = senderHarness();
    ingest.replyWith((_, i) =>
      i === 0
        ? Response.json({
            accepted: 2,
            stale: 0,
            rejected: [{ index: 1, reason: "value out of range" }],
            configRevision: "rev-1",
          })
        : ack(),
    );
    for (const event of objects(["a", "b", "c"])) sender.enqueue(event);
    await scheduler.advance(250);
    await ingest.received(1);
    await scheduler.advance(0);

    expect(await metricValue(registry, "status_recorder_relay_events_rejected_total")).toBe(1);
    expect(logs.lines.find((l) => l.msg.startsWith("event rejected"))?.fields).toMatchObject({
      object: "apps#Deployment#default#b",
      reason: "value out of range",
    });
    expect(sender.stats().queuedEvents).toBe(0);
    await scheduler.advance(120_000);
    expect(ingest.batches.flatMap((b) => b.events).filter((e) => e.object.name === "b")).toHaveLength(1);
  });
});

describe("sender: a 5xx that repeats for one batch", () => {
  it("is narrowed to the object that causes it: the others go through, the poison is dropped loudly", async () => {
    const { scheduler, ingest, sender, registry, logs } = senderHarness({ heartbeatMs: 1_000 });
    const stored: WireEvent[] = [];
    ingest.replyWith(({ batch }) => {
      if (batch.events.some((e) => e.object.name === "poison")) return failure(500, "Internal Server Error");
      stored.push(...batch.events);
      return ack();
    });
    for (const event of objects(NAMES)) sender.enqueue(event);

    await vi.waitFor(async () => {
      await scheduler.advance(1_000);
      expect(stored.map((e) => e.object.name).sort()).toEqual(NAMES.filter((n) => n !== "poison"));
    }, PATIENT);
    sender.enqueue(upsert("later", 50, HEALTHY));
    await vi.waitFor(async () => {
      await scheduler.advance(1_000);
      expect(stored.map((e) => e.object.name)).toContain("later");
    }, PATIENT);
    await vi.waitFor(async () => {
      await scheduler.advance(1_000);
      expect(
        await metricValue(registry, "status_recorder_relay_dropped_events_total", { reason: "poison" }),
      ).toBe(1);
    }, PATIENT);

    expect(logs.lines.find((l) => l.fields.reason === "poison")).toMatchObject({
      level: "error",
      fields: { objects: ["apps#Deployment#default#poison"] },
    });
    expect(sender.stats().queuedEvents).toBe(0);
  });

  it("drops nothing while every batch fails (an outage), however long it lasts", async () => {
    const { scheduler, ingest, sender, registry } = senderHarness({ heartbeatMs: 1_000 });
    let down = true;
    const stored: WireEvent[] = [];
    ingest.replyWith(({ batch }) => {
      if (down) return failure(500, "Internal Server Error");
      stored.push(...batch.events);
      return ack();
    });
    for (const event of objects(NAMES)) sender.enqueue(event);
    for (let i = 0; i < 60; i++) await scheduler.advance(30_000);
    expect(
      await metricValue(registry, "status_recorder_relay_dropped_events_total", { reason: "poison" }),
    ).toBe(0);

    down = false;
    await vi.waitFor(async () => {
      await scheduler.advance(5_000); // the gate is open: one probe per 30 s at most
      expect(stored.map((e) => e.object.name).sort()).toEqual([...NAMES].sort());
    }, PATIENT);
  });
});
