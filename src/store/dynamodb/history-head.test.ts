import { QueryCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it, onTestFinished } from "vitest";
import { interceptEvery, isRecordPutOf, refusedItemError } from "../testing/intercept.ts";
import { useTestTable } from "../testing/test-store.ts";
import { at, delta, HEALTHY, PROGRESSING, upsert } from "../testing/wire-events.ts";

// The current item names the history key of its last transition: reads show records up to it and
// removals take back records past it, so a record of the same millisecond is told apart.

const t = useTestTable();
const ref = { group: "apps", kind: "Deployment", namespace: "default", name: "web" };
const key = "apps#Deployment#default#web";
const sameInstant = { observedAt: at(10).toISOString() };

async function storedHistory(cluster: string): Promise<number> {
  const out = await t.db.client.send(
    new QueryCommand({
      TableName: t.db.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": { S: `H#${cluster}#${key}` } },
      ConsistentRead: true,
    }),
  );
  return out.Count ?? 0;
}

const shown = async (cluster: string) =>
  (await t.store.listHistory(cluster, key, {}, at(100))).items.map(
    (h) => `${h.resourceVersion} ${h.to.health}`,
  );

describe("history up to the current item's last transition", () => {
  it("takes back a refused event's record observed in the same millisecond as the last transition", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING, sameInstant)]), at(10));
    onTestFinished(
      interceptEvery(t.db.client, isRecordPutOf("web"), async () => {
        throw refusedItemError();
      }),
    );
    const result = await t.store.applyBatch(
      cluster,
      delta([upsert("web", 11, HEALTHY, sameInstant)]),
      at(11),
    );

    expect(result.rejected.map((r) => r.index)).toEqual([0]);
    expect(await t.store.getObject(cluster, ref)).toMatchObject({ status: PROGRESSING, transitions: 1 });
    expect(await shown(cluster)).toEqual(["10 Progressing"]);
    expect(await storedHistory(cluster)).toBe(1);
  });

  it("hides a record of the same millisecond whose current item a crash kept from being written", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING, sameInstant)]), at(10));
    const batch = delta([upsert("web", 11, HEALTHY, sameInstant)]);
    const crash = interceptEvery(t.db.client, isRecordPutOf("web"), async () => {
      throw new Error("process died");
    });
    onTestFinished(crash);
    await expect(t.store.applyBatch(cluster, batch, at(11))).rejects.toThrow("process died");
    crash();
    expect(await shown(cluster)).toEqual(["10 Progressing"]);

    await t.store.applyBatch(cluster, batch, at(12)); // the relay's retry
    expect(await shown(cluster)).toEqual(["11 Healthy", "10 Progressing"]);
  });

  it("bounds history by the last transition's millisecond for a current item written before the key was kept", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(
      cluster,
      delta([upsert("web", 10, PROGRESSING), upsert("web", 20, HEALTHY)]),
      at(20),
    );
    await t.db.client.send(
      new UpdateItemCommand({
        TableName: t.db.tableName,
        Key: { pk: { S: `C#${cluster}` }, sk: { S: `O#${key}` } },
        UpdateExpression: "REMOVE lastTransitionSk",
      }),
    );
    expect(await shown(cluster)).toEqual(["20 Healthy", "10 Progressing"]);
    await t.store.applyBatch(cluster, delta([upsert("web", 30, PROGRESSING)]), at(30));
    expect(await shown(cluster)).toEqual(["30 Progressing", "20 Healthy", "10 Progressing"]);
  });
});

describe("listHistory's read of the current item", () => {
  it("reads only the attributes of the bound, eventually consistent", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(10));
    const gets: Record<string, unknown>[] = [];
    onTestFinished(
      interceptEvery(
        t.db.client,
        (command, input) => command === "GetItemCommand" && gets.push(input) > 0,
        async () => undefined,
      ),
    );
    await t.store.listHistory(cluster, key, {}, at(100));

    expect(gets).toHaveLength(1);
    expect(gets[0]).toMatchObject({ ProjectionExpression: expect.stringContaining("lastTransitionSk") });
    expect(gets[0]?.ConsistentRead).not.toBe(true);
  });

  it("says whether the store holds the object at all", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(10));

    expect(await t.store.listHistory(cluster, key, {}, at(100))).toMatchObject({ recorded: true });
    expect(await t.store.listHistory(cluster, `${key}-other`, {}, at(100))).toEqual({
      items: [],
      recorded: false,
    });
  });
});
