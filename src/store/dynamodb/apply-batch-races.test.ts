import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it, onTestFinished } from "vitest";
import { interceptOnce, isRecordPutOf } from "../testing/intercept.ts";
import { useTestTable } from "../testing/test-store.ts";
import { at, DEGRADED, delta, HEALTHY, PROGRESSING, upsert } from "../testing/wire-events.ts";

// Two batches of one object at once: the loser of the record's conditional put decides again, and
// what it wrote for its first decision must not stay behind for a later transition to show.

const t = useTestTable();
const ref = { group: "apps", kind: "Deployment", namespace: "default", name: "web" };
const key = "apps#Deployment#default#web";

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
    (h) => `${h.time.slice(17, 19)} ${h.from?.health ?? ""}→${h.to.health}`,
  );

/** Runs `rival` to completion just before `batch`'s first put of web's record, then lets it go on. */
function rivalBeforePut(rival: () => Promise<unknown>) {
  onTestFinished(interceptOnce(t.db.client, isRecordPutOf("web"), async () => void (await rival())));
}

describe("applyBatch racing another batch of the same object", () => {
  it("takes back the history its first plan wrote when the lost race leaves no transition", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(10));
    rivalBeforePut(() => t.store.applyBatch(cluster, delta([upsert("web", 20, HEALTHY)]), at(20)));
    const a = await t.store.applyBatch(cluster, delta([upsert("web", 30, HEALTHY)]), at(30));
    expect(a).toMatchObject({ accepted: 1, transitions: 0, written: 0 });
    expect(await storedHistory(cluster)).toBe(2);

    await t.store.applyBatch(cluster, delta([upsert("web", 40, DEGRADED)]), at(40));
    expect(await shown(cluster)).toEqual([
      "40 Healthy→Degraded",
      "20 Progressing→Healthy",
      "10 →Progressing",
    ]);
    expect(await t.store.getObject(cluster, ref)).toMatchObject({ transitions: 3 });
  });

  it("takes back only the records its final plan replaced when it still records a later transition", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(10));
    rivalBeforePut(() => t.store.applyBatch(cluster, delta([upsert("web", 20, HEALTHY)]), at(20)));
    await t.store.applyBatch(
      cluster,
      delta([upsert("web", 30, HEALTHY), upsert("web", 40, DEGRADED)]),
      at(40),
    );

    expect(await shown(cluster)).toEqual([
      "40 Healthy→Degraded",
      "20 Progressing→Healthy",
      "10 →Progressing",
    ]);
    expect(await storedHistory(cluster)).toBe(3);
    expect(await t.store.getObject(cluster, ref)).toMatchObject({ status: DEGRADED, transitions: 3 });
  });

  it("keeps the record a retry of the same batch committed first", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(10));
    const batch = delta([upsert("web", 30, HEALTHY)]);
    rivalBeforePut(() => t.store.applyBatch(cluster, batch, at(31)));
    await t.store.applyBatch(cluster, batch, at(30));

    expect(await shown(cluster)).toEqual(["30 Progressing→Healthy", "10 →Progressing"]);
    expect(await t.store.getObject(cluster, ref)).toMatchObject({ status: HEALTHY, transitions: 2 });
  });
});
