import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it, onTestFinished } from "vitest";
import { StoreUnavailableError } from "../errors.ts";
import {
  interceptEvery,
  interceptOnce,
  isRecordPut,
  isRecordPutOf,
  refusedItemError,
} from "../testing/intercept.ts";
import { useTestTable } from "../testing/test-store.ts";
import { at, DEGRADED, delta, HEALTHY, PROGRESSING, snapshotPart, upsert } from "../testing/wire-events.ts";

// An object's history never lands without its current item: faults injected between and in the
// two writes (a record the table refuses for good, a crash, throttling).

const t = useTestTable();
const ref = (name: string) => ({ group: "apps", kind: "Deployment", namespace: "default", name });
const keyOf = (name: string) => `apps#Deployment#default#${name}`;

/** Every history item stored for the object, hidden or not. */
async function storedHistory(cluster: string, name: string): Promise<number> {
  const out = await t.db.client.send(
    new QueryCommand({
      TableName: t.db.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": { S: `H#${cluster}#${keyOf(name)}` } },
      ConsistentRead: true,
    }),
  );
  return out.Count ?? 0;
}

describe("applyBatch when the table refuses or fails a write", () => {
  it("rejects the events whose record the table refuses for good, applies the rest, and keeps none of their history", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(100));
    const refuse = async () => {
      throw refusedItemError();
    };
    onTestFinished(interceptEvery(t.db.client, isRecordPutOf("web"), refuse));
    onTestFinished(interceptEvery(t.db.client, isRecordPutOf("fresh"), refuse));
    const result = await t.store.applyBatch(
      cluster,
      delta([upsert("web", 20, HEALTHY), upsert("api", 21, HEALTHY), upsert("fresh", 22, DEGRADED)]),
      at(101),
    );
    expect(result).toMatchObject({ accepted: 1, stale: 0, transitions: 1, written: 1 });
    expect(result.rejected).toEqual([
      { index: 0, reason: expect.stringContaining("Item size has exceeded") },
      { index: 2, reason: expect.stringContaining("Item size has exceeded") },
    ]);
    expect(await t.store.getObject(cluster, ref("api"))).toMatchObject({ status: HEALTHY });
    expect(await t.store.getObject(cluster, ref("web"))).toMatchObject({
      status: PROGRESSING,
      transitions: 1,
    });
    expect(await t.store.getObject(cluster, ref("fresh"))).toBeUndefined();
    expect(await storedHistory(cluster, "web")).toBe(1);
    expect(await storedHistory(cluster, "fresh")).toBe(0);
  });

  it("keeps an object's other events in the batch when the table refuses its newest one", async () => {
    const cluster = t.cluster();
    const remove = interceptEvery(
      t.db.client,
      (command, input) =>
        isRecordPutOf("web")(command, input) && (input.Item as Record<string, { S?: string }>).rv?.S === "30",
      async () => {
        throw refusedItemError();
      },
    );
    onTestFinished(remove);
    const result = await t.store.applyBatch(
      cluster,
      delta([upsert("web", 10, PROGRESSING), upsert("web", 20, HEALTHY), upsert("web", 30, DEGRADED)]),
      at(100),
    );
    expect(result.rejected.map((r) => r.index)).toEqual([2]);
    expect(await t.store.getObject(cluster, ref("web"))).toMatchObject({ status: HEALTHY, transitions: 2 });
    const history = await t.store.listHistory(cluster, keyOf("web"), {}, at(100));
    expect(history.items.map((h) => h.to.health)).toEqual(["Healthy", "Progressing"]);
    expect(await storedHistory(cluster, "web")).toBe(2);
  });

  it("rejects alone an event whose history record the table refuses, storing its batch's other records", async () => {
    const cluster = t.cluster();
    const isWeb20 = (item: Record<string, { S?: string }> | undefined) =>
      item?.pk?.S === `H#${cluster}#${keyOf("web")}` && item?.rv?.S === "20";
    const remove = interceptEvery(
      t.db.client,
      (command, input) => {
        if (command === "PutItemCommand") return isWeb20(input.Item as Record<string, { S?: string }>);
        if (command !== "BatchWriteItemCommand") return false;
        const requests = Object.values(
          input.RequestItems as Record<string, { PutRequest?: { Item: never } }[]>,
        );
        return requests.flat().some((r) => isWeb20(r.PutRequest?.Item));
      },
      async () => {
        throw refusedItemError("Number overflow");
      },
    );
    onTestFinished(remove);
    const result = await t.store.applyBatch(
      cluster,
      delta([
        upsert("web", 10, PROGRESSING),
        upsert("api", 15, HEALTHY),
        upsert("web", 20, DEGRADED),
        upsert("web", 30, HEALTHY),
      ]),
      at(100),
    );
    expect(result.rejected).toEqual([
      { index: 2, reason: expect.stringContaining("refused its history record") },
    ]);
    expect(result).toMatchObject({ accepted: 3, written: 2 });
    expect(await t.store.getObject(cluster, ref("web"))).toMatchObject({ status: HEALTHY, transitions: 2 });
    const history = await t.store.listHistory(cluster, keyOf("web"), {}, at(100));
    expect(history.items.map((h) => [h.from?.health, h.to.health])).toEqual([
      ["Progressing", "Healthy"],
      [undefined, "Progressing"],
    ]);
    expect(await storedHistory(cluster, "web")).toBe(2);
    expect(await t.store.getObject(cluster, ref("api"))).toMatchObject({ status: HEALTHY });
  });

  it("shows no history of a transition whose record write a crash interrupted, until the retry writes it", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(100));
    const batch = delta([upsert("web", 20, HEALTHY), upsert("fresh", 21, DEGRADED)]);
    const remove = interceptEvery(t.db.client, isRecordPut, async () => {
      throw new Error("process died");
    });
    onTestFinished(remove);
    await expect(t.store.applyBatch(cluster, batch, at(101))).rejects.toThrow("process died");
    remove();
    expect(await storedHistory(cluster, "web")).toBe(2);
    const during = await t.store.listHistory(cluster, keyOf("web"), {}, at(101));
    expect(during.items.map((h) => h.to.health)).toEqual(["Progressing"]);
    expect((await t.store.listHistory(cluster, keyOf("fresh"), {}, at(101))).items).toEqual([]);

    await t.store.applyBatch(cluster, batch, at(103)); // the relay retries the same batch
    const after = await t.store.listHistory(cluster, keyOf("web"), {}, at(103));
    expect(after.items.map((h) => h.to.health)).toEqual(["Healthy", "Progressing"]);
    expect((await t.store.listHistory(cluster, keyOf("fresh"), {}, at(103))).items).toHaveLength(1);
  });

  it("still counts an object as named by a snapshot when its event was refused, so it is not tombstoned", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, HEALTHY)]), at(100));
    const snapshot = {
      id: "s1",
      part: 0,
      last: true,
      kinds: ["apps/Deployment"],
      listedAt: at(200).toISOString(),
    };
    const part = snapshotPart([upsert("web", 20, DEGRADED)], snapshot);
    const result = await t.store.applyBatch(cluster, part, at(200), new Map([[0, "observed in the future"]]));
    expect(result).toMatchObject({
      accepted: 0,
      tombstoned: 0,
      rejected: [{ index: 0, reason: "observed in the future" }],
    });
    expect(await t.store.getObject(cluster, ref("web"))).toMatchObject({ status: HEALTHY });
  });

  it("fails the whole batch, for the relay to retry, when the table is throttling", async () => {
    const cluster = t.cluster();
    const remove = interceptOnce(t.db.client, isRecordPut, async () => {
      throw Object.assign(new Error("slow down"), {
        name: "ProvisionedThroughputExceededException",
        $metadata: { httpStatusCode: 400 },
      });
    });
    onTestFinished(remove);
    await expect(t.store.applyBatch(cluster, delta([upsert("web", 10, HEALTHY)]), at(100))).rejects.toThrow(
      StoreUnavailableError,
    );
    expect(await t.store.getObject(cluster, ref("web"))).toBeUndefined();
  });
});
