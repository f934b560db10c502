import { PutItemCommand, QueryCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { useTestTable } from "../testing/test-store.ts";
import { at, delta, HEALTHY, upsert } from "../testing/wire-events.ts";
import { objectToItem } from "./codec.ts";

// Whatever passes the wire schema is storable: values DynamoDB cannot hold as numbers, statuses
// too big for an item, and what the table refuses all the same (rejected alone).

const t = useTestTable();
const metric = { group: "metrics.keptn.sh", kind: "KeptnMetric", namespace: "default", name: "load" };
const bundle = { group: "k8splugin.io", kind: "ResourceBundleState", namespace: "default", name: "rbs" };
const keptn = (rv: number, values: Record<string, number>) =>
  upsert("load", rv, { ...HEALTHY, values }, { apiVersion: "metrics.keptn.sh/v1", kind: "KeptnMetric" });
const rbs = (rv: number, components: Record<string, string>) =>
  upsert(
    "rbs",
    rv,
    { health: "Degraded", kstatus: "InProgress", message: "2 of 300 resources are not ready", components },
    { apiVersion: "k8splugin.io/v1alpha1", kind: "ResourceBundleState" },
  );

/** 300 components of about 1.1 KB each: one status fits an item, from + to (660 KB) do not. */
function components(state: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < 300; i++)
    out[`Pod/default/${"p".repeat(90)}-${String(i).padStart(3, "0")}`] = state.repeat(1000);
  return out;
}

describe("applyBatch stores what the schema accepts", () => {
  it("records numbers outside DynamoDB's range and reads back the same numbers", async () => {
    const cluster = t.cluster();
    const values = { value: 1e300, tiny: 1e-200, negative: -1.5e130, plain: 42, zero: 0 };
    const result = await t.store.applyBatch(cluster, delta([keptn(10, values)]), at(100));
    expect(result).toMatchObject({ accepted: 1, transitions: 1, rejected: [] });
    expect((await t.store.getObject(cluster, metric))?.status.values).toEqual(values);
    const [record] = (
      await t.store.listHistory(cluster, "metrics.keptn.sh#KeptnMetric#default#load", {}, at(100))
    ).items;
    expect(record?.to.values).toEqual(values);
    const again = await t.store.applyBatch(cluster, delta([keptn(11, values)]), at(101));
    expect(again).toMatchObject({ accepted: 1, transitions: 0 }); // the same value is no transition
  });

  it("fits statuses too big for a history item to the budget, saying how many components were cut", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([rbs(10, components("a"))]), at(100));
    const result = await t.store.applyBatch(cluster, delta([rbs(11, components("b"))]), at(101));
    expect(result).toMatchObject({ accepted: 1, transitions: 1, rejected: [] });
    const stored = await t.store.getObject(cluster, bundle);
    const kept = Object.keys(stored?.status.components ?? {}).length;
    expect(kept).toBeGreaterThan(50);
    expect(kept).toBeLessThan(300);
    expect(stored?.status.message).toBe(
      `2 of 300 resources are not ready (${300 - kept} components not recorded: status over the 128 KB budget)`,
    );
    const history = await t.store.listHistory(
      cluster,
      "k8splugin.io#ResourceBundleState#default#rbs",
      {},
      at(101),
    );
    expect(history.items).toHaveLength(2);
    expect(history.items[0]?.to).toEqual(stored?.status);
  });

  it("stores the next transition of an object whose status was stored before statuses had a budget", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([rbs(10, { a: "ok" })]), at(100));
    const stored = await t.store.getObject(cluster, bundle);
    if (!stored) throw new Error("not stored");
    const legacy = { ...stored, status: { ...stored.status, components: components("a") } };
    await t.db.client.send(new PutItemCommand({ TableName: t.db.tableName, Item: objectToItem(legacy, 1) }));
    const result = await t.store.applyBatch(cluster, delta([rbs(11, components("b"))]), at(101));
    expect(result).toMatchObject({ accepted: 1, transitions: 1, rejected: [] });
  });

  it("rejects alone an event the table still refuses, leaving no trace of it, and applies its neighbours", async () => {
    const cluster = t.cluster();
    const labels: Record<string, string> = {};
    for (let i = 0; i < 1200; i++) labels[`example.com/${"k".repeat(290)}${i}`] = "v".repeat(63);
    const huge = upsert("huge", 20, HEALTHY, { labels });
    const before = upsert("web", 21, HEALTHY);
    const after = upsert("api", 22, HEALTHY);
    const result = await t.store.applyBatch(cluster, delta([before, huge, after]), at(100));
    expect(result).toMatchObject({ accepted: 2, transitions: 2, written: 2 });
    expect(result.rejected).toEqual([{ index: 1, reason: expect.stringContaining("refused its record") }]);
    const names = (await t.store.listObjects(cluster)).items.map((o) => o.name).sort();
    expect(names).toEqual(["api", "web"]);
    const orphans = await t.db.client.send(
      new QueryCommand({
        TableName: t.db.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": { S: `H#${cluster}#apps#Deployment#default#huge` } },
        ConsistentRead: true,
      }),
    );
    expect(orphans.Count).toBe(0);
  });
});
