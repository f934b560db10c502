import { describe, expect, it, vi } from "vitest";
import { HEALTHY, upsert } from "../../store/testing/wire-events.ts";
import { ack, failure, hang } from "./testing/fake-ingest.ts";
import { namesIn, senderHarness } from "./testing/sender-harness.ts";

const KINDS = ["apps/Deployment"];
const LISTED_AT = "2027-01-15T09:59:59.000Z";
const listed = (count: number, prefix = "s") =>
  Array.from({ length: count }, (_, i) => upsert(`${prefix}-${i}`, 100 + i, HEALTHY));

/** Each request as `delta:names` or `snapshot#part(last):names`, to compare sequences at a glance. */
const shape = (batches: { mode: string; snapshot?: { part: number; last: boolean } }[]) =>
  batches.map((b) =>
    b.mode === "delta"
      ? `delta:${namesIn(b as never)}`
      : `part${b.snapshot?.part}${b.snapshot?.last ? "(last)" : ""}:${namesIn(b as never)}`,
  );

function deferred() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { release, released };
}

describe("sender: snapshots", () => {
  it("cuts a snapshot into parts sent in order, the last one marked, with its kinds and listing time", async () => {
    const { ingest, sender } = senderHarness({ limits: { maxEvents: 2 } });
    const outcome = await sender.sendSnapshot(KINDS, new Date(LISTED_AT), listed(5));
    expect(outcome).toBe("completed");
    expect(shape(ingest.batches)).toEqual(["part0:s-0,s-1", "part1:s-2,s-3", "part2(last):s-4"]);
    const ids = new Set(ingest.batches.map((b) => b.snapshot?.id));
    expect(ids.size).toBe(1);
    expect(ingest.batches[0]?.snapshot).toMatchObject({ kinds: KINDS, listedAt: LISTED_AT });
  });

  it("sends a snapshot with no objects as one empty last part, so the kind's leftovers are tombstoned", async () => {
    const { ingest, sender } = senderHarness();
    expect(await sender.sendSnapshot(KINDS, LISTED_AT, [])).toBe("completed");
    expect(shape(ingest.batches)).toEqual(["part0(last):"]);
  });

  it("sends the deltas queued before the snapshot first, without waiting for their linger", async () => {
    const { ingest, sender } = senderHarness({ limits: { maxEvents: 2 } });
    sender.enqueue(upsert("a", 1, HEALTHY));
    sender.enqueue(upsert("b", 2, HEALTHY));
    sender.enqueue(upsert("c", 3, HEALTHY));
    expect(await sender.sendSnapshot(KINDS, LISTED_AT, listed(3))).toBe("completed");
    expect(shape(ingest.batches)).toEqual(["delta:a,b", "delta:c", "part0:s-0,s-1", "part1(last):s-2"]);
  });

  it("lets deltas queued after the snapshot go between its parts, and names their objects in a later part", async () => {
    const { scheduler, ingest, sender } = senderHarness({ limits: { maxEvents: 2 } });
    const first = deferred();
    ingest.replyWith((_, i) => (i === 0 ? first.released.then(() => ack()) : ack()));
    const done = sender.sendSnapshot(KINDS, LISTED_AT, listed(5));
    await ingest.received(1);
    sender.enqueue(upsert("late", 1, HEALTHY));
    await scheduler.advance(250);
    first.release();
    expect(await done).toBe("completed");
    expect(shape(ingest.batches)).toEqual([
      "part0:s-0,s-1",
      "delta:late",
      "part1:s-2,s-3",
      "part2(last):s-4,late",
    ]);
  });

  it("retries a failed part as the very same bytes, with the same seq", async () => {
    const { scheduler, ingest, sender } = senderHarness();
    ingest.replyWith((_, i) => (i === 0 ? failure(503, "busy") : ack()));
    const done = sender.sendSnapshot(KINDS, LISTED_AT, listed(3));
    await ingest.received(1);
    await scheduler.advance(125);
    expect(await done).toBe("completed");
    const [failed, retried] = ingest.requests;
    expect(Buffer.from(retried?.body ?? []).equals(Buffer.from(failed?.body ?? [1]))).toBe(true);
  });

  it("reports a snapshot the ingest finds incomplete (409) to onSnapshotRejected", async () => {
    const onSnapshotRejected = vi.fn();
    const { ingest, sender } = senderHarness({ onSnapshotRejected, limits: { maxEvents: 2 } });
    ingest.replyWith((request) =>
      request.batch.snapshot?.last
        ? failure(409, "snapshot x is missing parts 0; retry its last part")
        : ack(),
    );
    expect(await sender.sendSnapshot(KINDS, LISTED_AT, listed(3))).toBe("rejected");
    const id = ingest.batches[0]?.snapshot?.id;
    expect(onSnapshotRejected).toHaveBeenCalledWith(id);
  });

  it("abandons a snapshot whose part the ingest refuses with 400, and sends the deltas after it", async () => {
    const { scheduler, ingest, sender } = senderHarness({ limits: { maxEvents: 2 } });
    ingest.replyWith((request) => (request.batch.mode === "snapshot" ? failure(400, "bad part") : ack()));
    expect(await sender.sendSnapshot(KINDS, LISTED_AT, listed(5))).toBe("dropped");
    sender.enqueue(upsert("after", 1, HEALTHY));
    await scheduler.advance(250);
    await ingest.received(2);
    expect(shape(ingest.batches)).toEqual(["part0:s-0,s-1", "delta:after"]);
  });

  it("abandons a snapshot holding an event the ingest would refuse, rather than tombstone that object", async () => {
    const { ingest, sender } = senderHarness();
    const events = [...listed(2), { ...upsert("bad", 1, HEALTHY), resourceVersion: "" }];
    expect(await sender.sendSnapshot(KINDS, LISTED_AT, events)).toBe("dropped");
    expect(ingest.requests).toHaveLength(0);
  });

  it("replaces a snapshot not yet begun by a newer one of the same kinds", async () => {
    const { ingest, sender } = senderHarness();
    ingest.replyWith((_, i) => (i === 0 ? hang() : ack()));
    sender.enqueue(upsert("a", 1, HEALTHY)); // queued first, so neither snapshot can begin yet
    const older = sender.sendSnapshot(KINDS, LISTED_AT, listed(1, "old"));
    void sender.sendSnapshot(["Pod"], LISTED_AT, listed(1, "pod"));
    void sender.sendSnapshot([...KINDS, "Service"], LISTED_AT, listed(1, "new"));
    expect(await older).toBe("superseded");
    expect(sender.stats().snapshotsPending).toBe(2);
  });

  it("settles snapshots still pending at shutdown as stopped", async () => {
    const { scheduler, ingest, sender } = senderHarness();
    ingest.replyWith(() => hang());
    const done = sender.sendSnapshot(KINDS, LISTED_AT, listed(2));
    const flushed = sender.flush(1000);
    await ingest.received(1);
    await scheduler.advance(1000);
    expect(await done).toBe("stopped");
    expect((await flushed).complete).toBe(false);
  });
});
