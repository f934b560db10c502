import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { InvalidCursorError } from "../errors.ts";
import type { StatusStore } from "../status-store.ts";
import { useTestTable } from "../testing/test-store.ts";
import { at, DEGRADED, delta, HEALTHY, PROGRESSING, upsert } from "../testing/wire-events.ts";

const t = useTestTable();

async function fleet(cluster: string) {
  await t.store.applyBatch(
    cluster,
    delta([
      upsert("api", 10, HEALTHY, { namespace: "shop" }),
      upsert("web", 11, DEGRADED, { namespace: "shop" }),
      upsert("worker", 12, HEALTHY, { namespace: "jobs" }),
      upsert("db", 13, PROGRESSING, { namespace: "shop", apiVersion: "apps/v1", kind: "StatefulSet" }),
      upsert("cache", 14, HEALTHY, { namespace: "shop", apiVersion: "v1", kind: "Service" }),
    ]),
    at(50),
  );
}

async function everyPage(
  store: StatusStore,
  cluster: string,
  query: Parameters<StatusStore["listObjects"]>[1],
) {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listObjects(cluster, { ...query, cursor });
    expect(page.items.length).toBeLessThanOrEqual(query?.limit ?? 100);
    names.push(...page.items.map((o) => o.name));
    cursor = page.cursor;
  } while (cursor);
  return names.sort();
}

describe("current-status reads", () => {
  it("get one object by group, kind, namespace and name", async () => {
    const cluster = t.cluster();
    await fleet(cluster);
    const found = await t.store.getObject(cluster, {
      group: "",
      kind: "Service",
      namespace: "shop",
      name: "cache",
    });
    expect(found).toMatchObject({ cluster, apiVersion: "v1", status: HEALTHY });
    expect(
      await t.store.getObject(cluster, { group: "", kind: "Service", namespace: "shop", name: "nope" }),
    ).toBeUndefined();
  });

  it("list a cluster's objects page by page", async () => {
    const cluster = t.cluster();
    await fleet(cluster);
    expect(await everyPage(t.store, cluster, { limit: 2 })).toEqual(["api", "cache", "db", "web", "worker"]);
  });

  it("narrow by group and kind, by namespace and by health", async () => {
    const cluster = t.cluster();
    await fleet(cluster);
    expect(
      await everyPage(t.store, cluster, { group: "apps", kind: "Deployment", namespace: "shop" }),
    ).toEqual(["api", "web"]);
    expect(await everyPage(t.store, cluster, { kind: "Deployment" })).toEqual(["api", "web", "worker"]);
    expect(await everyPage(t.store, cluster, { namespace: "shop", limit: 1 })).toEqual([
      "api",
      "cache",
      "db",
      "web",
    ]);
    expect(await everyPage(t.store, cluster, { health: "Healthy", limit: 1 })).toEqual([
      "api",
      "cache",
      "worker",
    ]);
  });

  it("refuse a cursor they did not hand out", async () => {
    const cluster = t.cluster();
    await expect(t.store.listObjects(cluster, { cursor: "not-a-cursor" })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
    const foreign = Buffer.from(JSON.stringify({ evil: "x" })).toString("base64url");
    await expect(t.store.listObjects(cluster, { cursor: foreign })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it("list what changed since a time, oldest change first", async () => {
    const cluster = t.cluster();
    await fleet(cluster);
    await t.store.applyBatch(cluster, delta([upsert("web", 20, HEALTHY, { namespace: "shop" })]), at(60));
    await t.store.applyBatch(cluster, delta([upsert("api", 21, DEGRADED, { namespace: "shop" })]), at(70));
    const changed = await t.store.listChangedSince(cluster, at(60));
    expect(changed.items.map((o) => o.name)).toEqual(["web", "api"]);
  });

  it("list a bundle across clusters", async () => {
    const [east, west] = [t.cluster(), t.cluster()];
    const labels = { "emco/deployment-id": `dig-${east}` };
    await t.store.applyBatch(east, delta([upsert("web", 10, HEALTHY, { labels })]), at(50));
    await t.store.applyBatch(
      west,
      delta([upsert("web", 10, DEGRADED, { labels }), upsert("x", 11, HEALTHY)]),
      at(50),
    );
    const bundle = await t.store.listBundle(`emco/deployment-id=dig-${east}`);
    expect(bundle.items.map((o) => [o.cluster, o.status.health]).sort()).toEqual([
      [east, "Healthy"],
      [west, "Degraded"],
    ]);
  });
});

describe("history reads", () => {
  it("list an object's transitions newest first, page by page", async () => {
    const cluster = t.cluster();
    const steps = [PROGRESSING, HEALTHY, DEGRADED, HEALTHY];
    for (const [i, status] of steps.entries())
      await t.store.applyBatch(cluster, delta([upsert("web", 10 + i, status)]), at(50 + i));
    const key = "apps#Deployment#default#web";
    const first = await t.store.listHistory(cluster, key, { limit: 3 }, at(60));
    const second = await t.store.listHistory(cluster, key, { limit: 3, cursor: first.cursor }, at(60));
    expect([...first.items, ...second.items].map((h) => h.resourceVersion)).toEqual(["13", "12", "11", "10"]);
    expect(second.cursor).toBeUndefined();
  });

  it("leave out records past their expiry even before DynamoDB deletes them", async () => {
    const cluster = t.cluster();
    const shortLived = t.storeWith({ historyTtlSeconds: 60 });
    await shortLived.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(50));
    await t.store.applyBatch(cluster, delta([upsert("web", 11, HEALTHY)]), at(51));
    const history = await t.store.listHistory(cluster, "apps#Deployment#default#web", {}, at(10 + 3600));
    expect(history.items.map((h) => h.resourceVersion)).toEqual(["11"]);
  });

  it("read a record whose optional attributes are absent", async () => {
    const cluster = t.cluster();
    await t.db.client.send(
      new PutItemCommand({
        TableName: t.db.tableName,
        Item: { pk: { S: `C#${cluster}` }, sk: { S: "O#apps#Deployment#default#old" } },
      }),
    );
    await t.db.client.send(
      new PutItemCommand({
        TableName: t.db.tableName,
        Item: {
          pk: { S: `H#${cluster}#apps#Deployment#default#old` },
          sk: { S: "2025-01-01T00:00:00.000Z#00000000000000000001" },
          to: { M: { health: { S: "Healthy" }, kstatus: { S: "Current" }, message: { S: "" } } },
        },
      }),
    );
    const history = await t.store.listHistory(cluster, "apps#Deployment#default#old", {}, at(0));
    expect(history.items[0]?.to.health).toBe("Healthy");
  });
});
