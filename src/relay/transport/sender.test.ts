import { describe, expect, it, vi } from "vitest";
import { DEGRADED, HEALTHY, PROGRESSING, upsert } from "../../store/testing/wire-events.ts";
import { ack, failure, hang } from "./testing/fake-ingest.ts";
import { metricValue } from "./testing/metric-value.ts";
import { namesIn, senderHarness } from "./testing/sender-harness.ts";

const many = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => upsert(`obj-${from + i}`, from + i + 1, HEALTHY));

describe("sender: batching", () => {
  it("sends nothing until 250 ms after the first queued change, then one batch of all of them", async () => {
    const { scheduler, ingest, sender } = senderHarness();
    sender.enqueue(upsert("web", 1, HEALTHY));
    await scheduler.advance(100);
    sender.enqueue(upsert("api", 2, HEALTHY));
    await scheduler.advance(149);
    expect(ingest.requests).toHaveLength(0);
    await scheduler.advance(1);
    await ingest.received(1);
    expect(namesIn(ingest.batches[0] ?? { events: [] })).toEqual(["web", "api"]);
  });

  it("sends at once when 500 objects are queued, without waiting for the linger", async () => {
    const { ingest, sender } = senderHarness();
    for (const event of many(500)) sender.enqueue(event);
    await ingest.received(1);
    expect(ingest.batches[0]?.events).toHaveLength(500);
  });

  it("cuts what is queued into batches of at most 500, oldest first, numbered in order", async () => {
    const { scheduler, ingest, sender } = senderHarness();
    for (const event of many(1200)) sender.enqueue(event);
    await scheduler.advance(250);
    await ingest.received(3);
    expect(ingest.batches.map((b) => b.events.length)).toEqual([500, 500, 200]);
    expect(ingest.batches.map((b) => b.relay)).toEqual(
      [1, 2, 3].map((seq) => ({ version: "1.0.0", epoch: scheduler.now() - 250, seq, heartbeatSeconds: 60 })),
    );
    expect(ingest.batches[1]?.events[0]?.object.name).toBe("obj-500");
  });

  it("sends every status of an object that changed while queued, in the order observed", async () => {
    const { scheduler, ingest, sender } = senderHarness();
    sender.enqueue(upsert("web", 1, PROGRESSING));
    sender.enqueue(upsert("web", 2, DEGRADED));
    sender.enqueue(upsert("web", 3, HEALTHY));
    await scheduler.advance(250);
    await ingest.received(1);
    expect(ingest.batches[0]?.events.map((e) => [e.object.name, e.status.health])).toEqual([
      ["web", "Progressing"],
      ["web", "Degraded"],
      ["web", "Healthy"],
    ]);
  });

  it("posts to the cluster's events route, signed, with its config revision", async () => {
    const { scheduler, ingest, sender } = senderHarness();
    sender.enqueue(upsert("web", 1, HEALTHY));
    await scheduler.advance(250);
    await ingest.received(1);
    const [request] = ingest.requests;
    expect(request?.url).toBe("http://ingest.test/v1/clusters/prod/events");
    expect(request?.headers["x-status-recorder-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(request?.batch).toMatchObject({ mode: "delta", configRevision: "rev-1" });
  });

  it("refuses an event the ingest would refuse, so it cannot spoil a batch", async () => {
    const { ingest, sender, registry } = senderHarness();
    const bad = { ...upsert("web", 1, HEALTHY), resourceVersion: "" };
    expect(sender.enqueue(bad)).toBe("invalid");
    expect(sender.stats().queued).toBe(0);
    expect(
      await metricValue(registry, "status_recorder_relay_dropped_events_total", { reason: "invalid" }),
    ).toBe(1);
    expect(ingest.requests).toHaveLength(0);
  });
});

describe("sender: failures", () => {
  it("retries after a 503 no sooner than Retry-After, sending the failed status before the one queued meanwhile", async () => {
    const { scheduler, ingest, sender } = senderHarness();
    ingest.replyWith((_, i) => (i === 0 ? failure(503, "busy", { "retry-after": "2" }) : ack()));
    sender.enqueue(upsert("web", 1, PROGRESSING));
    await scheduler.advance(250);
    await ingest.received(1);
    sender.enqueue(upsert("web", 2, HEALTHY));
    await scheduler.advance(1999);
    expect(ingest.requests).toHaveLength(1);
    await scheduler.advance(1);
    await ingest.received(2);
    expect(ingest.batches[1]?.events.map((e) => e.resourceVersion)).toEqual(["1", "2"]);
    expect(sender.stats().queued).toBe(0);
  });

  it("retries a dropped connection and a 429 until the batch is acknowledged", async () => {
    const { scheduler, ingest, sender, registry } = senderHarness();
    const dropped = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    ingest.replyWith((_, i) =>
      i === 0 ? Promise.reject(dropped) : i === 1 ? failure(429, "slow down") : ack(),
    );
    sender.enqueue(upsert("web", 1, HEALTHY));
    await scheduler.advance(250);
    await ingest.received(1);
    await scheduler.advance(125); // half of 250 ms: the jitter is fixed at 0.5
    await ingest.received(2);
    await scheduler.advance(250);
    await ingest.received(3);
    await scheduler.advance(0);
    expect(sender.stats()).toMatchObject({ queued: 0, gate: "closed", consecutiveFailures: 0 });
    expect(
      await metricValue(registry, "status_recorder_relay_send_failures_total", { reason: "network" }),
    ).toBe(1);
    expect(
      await metricValue(registry, "status_recorder_relay_send_failures_total", { reason: "throttled" }),
    ).toBe(1);
    expect(await metricValue(registry, "status_recorder_relay_send_retries_total")).toBe(2);
  });

  it("drops a batch the ingest refuses with 400, logs its message, and goes on with the next", async () => {
    const { scheduler, ingest, sender, registry, logs } = senderHarness();
    ingest.replyWith((_, i) => (i === 0 ? failure(400, "events.0.status: bad") : ack()));
    sender.enqueue(upsert("web", 1, HEALTHY));
    await scheduler.advance(250);
    await ingest.received(1);
    sender.enqueue(upsert("api", 2, HEALTHY));
    await scheduler.advance(250);
    await ingest.received(2);
    expect(namesIn(ingest.batches[1] ?? { events: [] })).toEqual(["api"]);
    const dropped = logs.lines.find((l) => l.msg.startsWith("batch dropped"));
    expect(dropped).toMatchObject({
      level: "error",
      fields: { status: 400, message: "events.0.status: bad" },
    });
    expect(
      await metricValue(registry, "status_recorder_relay_dropped_batches_total", { reason: "rejected" }),
    ).toBe(1);
  });

  it("opens the failure gate after 5 failures and then probes once per backoff interval", async () => {
    const { scheduler, ingest, sender, registry } = senderHarness({ random: () => 0 });
    ingest.replyWith(() => failure(503, "down"));
    sender.enqueue(upsert("web", 1, HEALTHY));
    await scheduler.advance(250);
    await ingest.received(5); // full jitter at 0: the first retries come at once
    await scheduler.advance(0);
    expect(sender.stats().gate).toBe("open");
    expect(await metricValue(registry, "status_recorder_relay_gate_state")).toBe(1);
    await scheduler.advance(3999); // the 5th failure's interval: 250 ms · 2^4
    expect(ingest.requests).toHaveLength(5);
    ingest.replyWith(() => ack());
    await scheduler.advance(1);
    await ingest.received(6);
    await scheduler.advance(0);
    expect(sender.stats().gate).toBe("closed");
  });

  it("splits a batch the endpoint refuses as too large, and drops a lone event that is", async () => {
    const { ingest, sender, registry } = senderHarness();
    ingest.replyWith((request) =>
      request.batch.events.length > 1 || request.batch.events[0]?.object.name === "huge"
        ? failure(413, "too large")
        : ack(),
    );
    for (const event of many(4)) sender.enqueue(event);
    sender.enqueue(upsert("huge", 99, { ...HEALTHY, message: "x".repeat(4000) }));
    expect(await sender.flush(10_000)).toEqual({ complete: true, unsentEvents: 0 });
    const acked = ingest.batches.filter((b) => b.events.length === 1 && b.events[0]?.object.name !== "huge");
    expect(acked.map((b) => namesIn(b)[0]).sort()).toEqual(["obj-0", "obj-1", "obj-2", "obj-3"]);
    expect(
      await metricValue(registry, "status_recorder_relay_dropped_events_total", { reason: "too_large" }),
    ).toBe(1);
  });

  it("gives up on a request the ingest does not answer in time, and retries it", async () => {
    const { scheduler, ingest, sender, registry } = senderHarness({ requestTimeoutMs: 1000 });
    ingest.replyWith((_, i) => (i === 0 ? hang() : ack()));
    sender.enqueue(upsert("web", 1, HEALTHY));
    await scheduler.advance(250);
    await ingest.received(1);
    await scheduler.advance(1000 + 125);
    await ingest.received(2);
    expect(
      await metricValue(registry, "status_recorder_relay_send_failures_total", { reason: "timeout" }),
    ).toBe(1);
  });
});

describe("sender: acknowledgements", () => {
  it("records sends and the lag from enqueue to ack", async () => {
    const { scheduler, ingest, sender, registry } = senderHarness();
    for (const event of many(3)) sender.enqueue(event);
    await scheduler.advance(250);
    await ingest.received(1);
    await scheduler.advance(0);
    expect(await metricValue(registry, "status_recorder_relay_batches_sent_total", { mode: "delta" })).toBe(
      1,
    );
    expect(await metricValue(registry, "status_recorder_relay_events_sent_total", { mode: "delta" })).toBe(3);
    expect(await metricValue(registry, "status_recorder_relay_ack_lag_seconds_count")).toBe(3);
    expect(await metricValue(registry, "status_recorder_relay_ack_lag_seconds_sum")).toBeCloseTo(0.75);
    expect(await metricValue(registry, "status_recorder_relay_queue_depth")).toBe(0);
  });

  it("calls onConfigRevision once per revision the ingest holds that differs from ours", async () => {
    const onConfigRevision = vi.fn();
    const { scheduler, ingest, sender } = senderHarness({ onConfigRevision });
    ingest.replyWith((_, i) => ack(i < 3 ? "rev-2" : "rev-3"));
    for (let i = 0; i < 4; i++) {
      sender.enqueue(upsert(`obj-${i}`, i + 1, HEALTHY));
      await scheduler.advance(250);
      await ingest.received(i + 1);
      if (i === 1) sender.setConfigRevision("rev-2");
    }
    await scheduler.advance(0);
    expect(onConfigRevision.mock.calls).toEqual([["rev-2"], ["rev-3"]]);
  });

  it("goes on sending when a hook throws", async () => {
    const { scheduler, ingest, sender, logs } = senderHarness({
      onConfigRevision: () => {
        throw new Error("boom");
      },
    });
    ingest.replyWith(() => ack("rev-9"));
    sender.enqueue(upsert("web", 1, HEALTHY));
    await scheduler.advance(250);
    sender.enqueue(upsert("api", 2, HEALTHY));
    await scheduler.advance(250);
    await ingest.received(2);
    expect(logs.lines).toContainEqual(expect.objectContaining({ msg: "hook failed" }));
  });
});

describe("sender: flush", () => {
  it("sends what is queued at once, then stops taking changes", async () => {
    const { ingest, sender } = senderHarness();
    for (const event of many(3)) sender.enqueue(event);
    expect(await sender.flush(5000)).toEqual({ complete: true, unsentEvents: 0 });
    expect(ingest.batches[0]?.events).toHaveLength(3);
    expect(sender.enqueue(upsert("late", 9, HEALTHY))).toBe("stopped");
  });

  it("gives up at the timeout when the endpoint stays down, and says what is unsent", async () => {
    const { scheduler, ingest, sender } = senderHarness();
    ingest.replyWith(() => failure(503, "down"));
    for (const event of many(2)) sender.enqueue(event);
    const flushed = sender.flush(1000);
    await scheduler.advance(1000);
    expect(await flushed).toEqual({ complete: false, unsentEvents: 2 });
  });

  it("aborts a request still in flight at the timeout and keeps its events", async () => {
    const { scheduler, ingest, sender } = senderHarness();
    ingest.replyWith(() => hang());
    sender.enqueue(upsert("web", 1, HEALTHY));
    const flushed = sender.flush(500);
    await ingest.received(1);
    await scheduler.advance(500);
    expect(await flushed).toEqual({ complete: false, unsentEvents: 1 });
  });
});
