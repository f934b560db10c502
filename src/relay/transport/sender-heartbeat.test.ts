import { describe, expect, it } from "vitest";
import { HEALTHY, upsert } from "../../store/testing/wire-events.ts";
import { heartbeatIntervalFor } from "./heartbeat.ts";
import { ack } from "./testing/fake-ingest.ts";
import { senderHarness } from "./testing/sender-harness.ts";

const REPORT = { kinds: 2, live: 1, failing: [] };

describe("sender: heartbeat", () => {
  it("is a third of staleAfter, at most a minute", () => {
    expect(heartbeatIntervalFor(5 * 60_000)).toBe(60_000);
    expect(heartbeatIntervalFor(90_000)).toBe(30_000);
  });

  it("sends an empty delta once nothing was sent for the interval, with the watch report", async () => {
    const { scheduler, ingest } = senderHarness({ heartbeatMs: 60_000, watchReport: () => REPORT });
    await scheduler.advance(59_999);
    expect(ingest.requests).toHaveLength(0);
    await scheduler.advance(1);
    await ingest.received(1);
    expect(ingest.batches[0]).toMatchObject({
      mode: "delta",
      events: [],
      watch: REPORT,
      configRevision: "rev-1",
    });
    await scheduler.advance(60_000);
    await ingest.received(2);
  });

  it("waits a whole interval after the last batch sent, whatever it was", async () => {
    const { scheduler, ingest, sender } = senderHarness({ heartbeatMs: 10_000 });
    await scheduler.advance(5_000);
    sender.enqueue(upsert("web", 1, HEALTHY));
    await scheduler.advance(250);
    await ingest.received(1);
    await scheduler.advance(9_999);
    expect(ingest.requests).toHaveLength(1);
    await scheduler.advance(1);
    await ingest.received(2);
    expect(ingest.batches[1]?.events).toEqual([]);
    expect(ingest.batches[1]?.watch).toBeUndefined(); // no report: a source that watches nothing
  });

  it("takes a new interval at once", async () => {
    const { scheduler, ingest, sender } = senderHarness({ heartbeatMs: 60_000 });
    sender.setHeartbeatInterval(1_000);
    await scheduler.advance(1_000);
    await ingest.received(1);
  });

  it("calls the config-revision hook when a heartbeat's answer names another revision", async () => {
    const revisions: string[] = [];
    const { scheduler, ingest } = senderHarness({
      heartbeatMs: 1_000,
      onConfigRevision: (r) => revisions.push(r),
    });
    ingest.replyWith(() => ack("rev-2"));
    await scheduler.advance(1_000);
    await ingest.received(1);
    await scheduler.advance(0);
    expect(revisions).toEqual(["rev-2"]);
  });
});
