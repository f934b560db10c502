import { describe, expect, it } from "vitest";
import { eventBatchSchema } from "../../model/wire.ts";
import { HEALTHY, upsert } from "../../store/testing/wire-events.ts";
import { type BatchEnvelope, encodeBatch, encodeEvent, envelopeBytes } from "./batch-body.ts";

const envelope: BatchEnvelope = {
  relay: { version: "1.2.3", epoch: 1_800_000_000_000, seq: 7 },
  mode: "delta",
  configRevision: "rev-1",
};

describe("encodeBatch", () => {
  it("builds a batch the ingest's schema accepts, events spliced in as encoded", () => {
    const events = [upsert("web", 1, HEALTHY), upsert("api", 2, { ...HEALTHY, message: "héllo ✓" })];
    const { text } = encodeBatch(envelope, events.map(encodeEvent));
    const parsed = eventBatchSchema.parse(JSON.parse(text));
    expect(parsed.events).toEqual(events.map((e) => ({ ...e, object: { ...e.object } })));
    expect(parsed.relay.seq).toBe(7);
  });

  it("knows its exact UTF-8 size without measuring the whole body", () => {
    const events = [upsert("web", 1, { ...HEALTHY, message: "ünïcødé ✓✓" }), upsert("api", 2, HEALTHY)];
    const batch = encodeBatch(envelope, events.map(encodeEvent));
    expect(batch.bytes).toBe(Buffer.byteLength(batch.text));
  });

  it("is a valid empty batch with no events", () => {
    const batch = encodeBatch(envelope, []);
    expect(JSON.parse(batch.text).events).toEqual([]);
    expect(batch.bytes).toBe(envelopeBytes(envelope));
  });

  it("carries a snapshot header when there is one", () => {
    const snapshot = {
      id: "s1",
      part: 0,
      last: true,
      kinds: ["apps/Deployment"],
      listedAt: "2027-01-15T10:00:00.000Z",
    };
    const batch = encodeBatch({ ...envelope, mode: "snapshot", snapshot }, []);
    expect(eventBatchSchema.parse(JSON.parse(batch.text)).snapshot).toEqual(snapshot);
  });
});
