import { describe, expect, it, vi } from "vitest";
import type { ObjectStatus } from "../../model/object-status.ts";
import type { WireEvent } from "../../model/wire.ts";
import { HEALTHY, upsert } from "../../store/testing/wire-events.ts";
import { ack, failure } from "./testing/fake-ingest.ts";
import { metricValue } from "./testing/metric-value.ts";
import { senderHarness } from "./testing/sender-harness.ts";

// History, not just state: every status the relay observed reaches the ingest, in order, with its
// observation time, also when the ingest was unreachable while the object changed.

/** Real time for the loops below to move the test's clock on a loaded machine. */
const PATIENT = { timeout: 15_000, interval: 0 };

const restarting = (restarts: number): ObjectStatus => ({
  health: restarts % 2 ? "Degraded" : "Progressing",
  kstatus: "InProgress",
  message: restarts % 2 ? "back-off 5m0s restarting failed container=app" : "Pod is running but is not Ready",
  phase: "Running",
  values: { restarts },
});

describe("sender: history across an outage", () => {
  it("delivers every status observed while the ingest was down once it answers, in order, with its time", async () => {
    const { scheduler, ingest, sender } = senderHarness();
    let down = true;
    const delivered: WireEvent[] = [];
    ingest.replyWith(({ batch }) => {
      if (down) return failure(503, "down");
      delivered.push(...batch.events);
      return ack();
    });
    const observed = Array.from({ length: 10 }, (_, i) => upsert("pod", i + 1, restarting(i)));
    for (const event of observed) {
      sender.enqueue(event);
      await scheduler.advance(1000);
    }
    down = false;
    await vi.waitFor(async () => {
      await scheduler.advance(5_000);
      expect(delivered).toHaveLength(10);
    }, PATIENT);

    expect(delivered.map((e) => [e.resourceVersion, e.observedAt, e.status.values?.restarts])).toEqual(
      observed.map((e) => [e.resourceVersion, e.observedAt, e.status.values?.restarts]),
    );
    expect(sender.stats()).toMatchObject({ queued: 0, queuedEvents: 0 });
  });

  it("past 32 held statuses sends the first, the newest, and one gap counting what it could not hold", async () => {
    const { scheduler, ingest, sender, registry } = senderHarness();
    let down = true;
    const delivered: WireEvent[] = [];
    ingest.replyWith(({ batch }) => {
      if (down) return failure(503, "down");
      delivered.push(...batch.events);
      return ack();
    });
    const observed = Array.from({ length: 40 }, (_, i) => upsert("pod", i + 1, restarting(i)));
    for (const event of observed) sender.enqueue(event);
    sender.enqueue(upsert("other", 100, HEALTHY));
    await scheduler.advance(1000);
    down = false;
    await vi.waitFor(async () => {
      await scheduler.advance(5_000);
      expect(delivered).toHaveLength(33);
    }, PATIENT);

    const pod = delivered.filter((e) => e.object.name === "pod");
    expect(pod.map((e) => e.resourceVersion)).toEqual([
      "1",
      ...observed.slice(9).map((e) => e.resourceVersion),
    ]);
    expect(pod[1]?.gap).toEqual({ count: 8, from: observed[1]?.observedAt, to: observed[8]?.observedAt });
    expect(pod.filter((e) => e.gap)).toHaveLength(1);
    expect(await metricValue(registry, "status_recorder_relay_history_gap_statuses_total")).toBe(8);
  });

  it("keeps an object changing faster than batches drain from holding up the others", async () => {
    const { scheduler, ingest, sender } = senderHarness({ limits: { maxEvents: 3 } });
    sender.enqueue(upsert("busy", 1, restarting(1)));
    sender.enqueue(upsert("quiet-1", 2, HEALTHY));
    sender.enqueue(upsert("quiet-2", 3, HEALTHY));
    for (let rv = 10; rv < 14; rv++) sender.enqueue(upsert("busy", rv, restarting(rv)));
    await scheduler.advance(250);
    await ingest.received(3);

    const names = ingest.batches.map((b) => b.events.map((e) => e.object.name));
    expect(names[0]).toEqual(["busy", "busy", "busy"]);
    expect(names.slice(1).flat()).toEqual(["busy", "busy", "quiet-1", "quiet-2"]);
  });
});
