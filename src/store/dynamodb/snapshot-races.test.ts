import { describe, expect, it, onTestFinished } from "vitest";
import type { Snapshot } from "../../model/wire.ts";
import { interceptOnce } from "../testing/intercept.ts";
import { useTestTable } from "../testing/test-store.ts";
import { at, BASE_TIME, delta, HEALTHY, PROGRESSING, snapshotPart, upsert } from "../testing/wire-events.ts";

// A snapshot's tombstone racing a retry of its own last part and a delta that re-creates the object.

const t = useTestTable();
const key = "apps#Deployment#default#gone";
const snapshot: Snapshot = {
  id: "snap-100",
  part: 0,
  last: true,
  kinds: ["apps/Deployment"],
  listedAt: new Date(BASE_TIME + 100_000).toISOString(),
};
const isHistory = (item: unknown) => String((item as Record<string, { S?: string }>)?.pk?.S).startsWith("H#");
/** Whether a request writes a history record, alone or in a batch. */
const isHistoryPut = (command: string, input: Record<string, unknown>) => {
  if (command === "PutItemCommand") return isHistory(input.Item);
  const requests = Object.values(
    (input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: unknown } }[]>,
  );
  return command === "BatchWriteItemCommand" && requests.flat().some((r) => isHistory(r.PutRequest?.Item));
};
const isTombstonePut = (command: string, input: Record<string, unknown>) =>
  command === "PutItemCommand" && "tombstonedBy" in ((input.Item as object) ?? {});

describe("a snapshot's tombstone when it loses the record's race", () => {
  const retryThenDelta = (cluster: string, last: ReturnType<typeof snapshotPart>) => async () => {
    const rival = t.storeWith();
    expect((await rival.applyBatch(cluster, last, at(102))).tombstoned).toBe(1); // the retry
    const back = upsert("gone", 70, PROGRESSING, { observedAt: at(104).toISOString() });
    await rival.applyBatch(cluster, delta([back]), at(104));
  };
  const expectTombstoneKept = async (cluster: string) => {
    const history = (await t.store.listHistory(cluster, key, {}, at(105))).items;
    expect(history.map((h) => [h.cause, h.from?.health, h.to.health])).toEqual([
      ["event", "Missing", "Progressing"],
      ["snapshot", "Healthy", "Missing"],
      ["event", undefined, "Healthy"],
    ]);
  };

  it("keeps the tombstone's history record that a retry of the same part committed before a delta re-created the object", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("gone", 10, HEALTHY)]), at(20));
    const last = snapshotPart([], snapshot);
    onTestFinished(interceptOnce(t.db.client, isTombstonePut, retryThenDelta(cluster, last)));
    expect((await t.store.applyBatch(cluster, last, at(101))).tombstoned).toBe(0);
    await expectTombstoneKept(cluster);
  });

  it("keeps it too when this attempt's history write lands after the retry committed it", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("gone", 10, HEALTHY)]), at(20));
    const last = snapshotPart([], snapshot);
    onTestFinished(interceptOnce(t.db.client, isHistoryPut, retryThenDelta(cluster, last)));
    expect((await t.store.applyBatch(cluster, last, at(101))).tombstoned).toBe(0);
    await expectTombstoneKept(cluster);
  });
});
