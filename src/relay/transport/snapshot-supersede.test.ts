import { describe, expect, it } from "vitest";
import { DEGRADED, deleted, HEALTHY, upsert } from "../../store/testing/wire-events.ts";
import { ack } from "./testing/fake-ingest.ts";
import { senderHarness } from "./testing/sender-harness.ts";

const KINDS = ["apps/Deployment"];
const LISTED_AT = "2027-01-15T09:59:59.000Z";
const listed = (count: number) => Array.from({ length: count }, (_, i) => upsert(`s-${i}`, 100 + i, HEALTHY));

/** The status and resourceVersion each part sent for `name`. */
const sentFor = (
  batches: { mode: string; events: { object: { name: string }; resourceVersion: string }[] }[],
  name: string,
) =>
  batches.flatMap((b) =>
    b.events.filter((e) => e.object.name === name).map((e) => `${b.mode}@${e.resourceVersion}`),
  );

/** A snapshot of `count` listed objects, two per part, whose first part the ingest holds until released. */
async function firstPartHeld(count: number) {
  const harness = senderHarness({ limits: { maxEvents: 2 } });
  let releaseFirst!: () => void;
  const firstHeld = new Promise<void>((resolve) => {
    releaseFirst = resolve;
  });
  harness.ingest.replyWith((_, i) => (i === 0 ? firstHeld.then(() => ack()) : ack()));
  const done = harness.sender.sendSnapshot(KINDS, LISTED_AT, listed(count));
  await harness.ingest.received(1);
  return { ...harness, releaseFirst, done };
}

describe("sender: a newer status of a listed object", () => {
  it("sends the listed status as a delta just before it, and leaves the listed one in the part", async () => {
    const { scheduler, ingest, sender, releaseFirst, done } = await firstPartHeld(5);

    // Seen by the watch after the listing: it may reach the ingest before s-3's part does, which
    // then must not carry it, or the store would take every status before it as stale.
    sender.enqueue(upsert("s-3", 200, DEGRADED));
    await scheduler.advance(250);
    releaseFirst();
    expect(await done).toBe("completed");

    // The listed status was observed too: history must hold it, before the newer one.
    expect(sentFor(ingest.batches, "s-3")).toEqual(["delta@103", "delta@200", "snapshot@103"]);
    const part = ingest.batches.find((b) => b.mode === "snapshot" && b.snapshot?.part === 1);
    expect(part?.events.find((e) => e.object.name === "s-3")?.status.health).toBe("Healthy");
  });

  it("hands back no listed status for an older one", async () => {
    const { scheduler, ingest, sender, releaseFirst, done } = await firstPartHeld(4);

    sender.enqueue(upsert("s-3", 1, DEGRADED));
    await scheduler.advance(250);
    releaseFirst();
    expect(await done).toBe("completed");

    expect(sentFor(ingest.batches, "s-3")).toEqual(["delta@1", "snapshot@103"]);
  });

  it("names an object of its kinds seen after the listing in a part still to cut, unless it was deleted", async () => {
    const { scheduler, ingest, sender, releaseFirst, done } = await firstPartHeld(3);

    sender.enqueue(upsert("created", 300, HEALTHY));
    sender.enqueue(upsert("short-lived", 301, HEALTHY));
    sender.enqueue(deleted("short-lived", 302));
    sender.enqueue(upsert("node-1", 303, HEALTHY, { apiVersion: "v1", kind: "Node", namespace: "" }));
    await scheduler.advance(250);
    releaseFirst();
    expect(await done).toBe("completed");

    const named = ingest.batches.filter((b) => b.mode === "snapshot").flatMap((b) => b.events);
    expect(named.map((e) => e.object.name)).toEqual(["s-0", "s-1", "s-2", "created"]);
  });

  it("names an object seen after the listing with its first status, not a later one", async () => {
    const { scheduler, ingest, sender, releaseFirst, done } = await firstPartHeld(3);

    sender.enqueue(upsert("created", 300, DEGRADED));
    sender.enqueue(upsert("created", 301, HEALTHY));
    await scheduler.advance(250);
    releaseFirst();
    expect(await done).toBe("completed");

    expect(sentFor(ingest.batches, "created")).toEqual(["delta@300", "delta@301", "snapshot@300"]);
  });

  it("hands back nothing for a listed status an acknowledged part carried", async () => {
    const { scheduler, ingest, sender } = senderHarness({ limits: { maxEvents: 2 } });
    const done = sender.sendSnapshot(KINDS, LISTED_AT, listed(3));
    await ingest.received(1);
    await scheduler.advance(0);
    sender.enqueue(upsert("s-0", 200, DEGRADED));
    await scheduler.advance(250);
    expect(await done).toBe("completed");
    await scheduler.advance(250);
    await ingest.received(3); // two parts and the delta

    expect(sentFor(ingest.batches, "s-0")).toEqual(["snapshot@100", "delta@200"]);
  });
});
