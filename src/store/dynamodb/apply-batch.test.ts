import { describe, expect, it } from "vitest";
import { countWrites } from "../../../test/support/count-writes.ts";
import { useTestTable } from "../testing/test-store.ts";
import { at, DEGRADED, deleted, delta, HEALTHY, PROGRESSING, upsert } from "../testing/wire-events.ts";

const t = useTestTable();
const web = { group: "apps", kind: "Deployment", namespace: "default", name: "web" };
const webKey = "apps#Deployment#default#web";

describe("applyBatch", () => {
  it("records a new object with its first transition", async () => {
    const cluster = t.cluster();
    const result = await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(100));
    expect(result).toEqual({
      accepted: 1,
      stale: 0,
      transitions: 1,
      tombstoned: 0,
      written: 1,
      rejected: [],
    });
    const stored = await t.store.getObject(cluster, web);
    expect(stored).toMatchObject({
      status: PROGRESSING,
      resourceVersion: "10",
      transitions: 1,
      apiVersion: "apps/v1",
    });
    const history = await t.store.listHistory(cluster, webKey, {}, at(100));
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ to: PROGRESSING, resourceVersion: "10", cause: "event" });
    expect(history.items[0]?.from).toBeUndefined();
  });

  it("writes nothing for a change of message alone", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(100));
    const counter = countWrites(t.db.client);
    const result = await t.store.applyBatch(
      cluster,
      delta([upsert("web", 11, { ...PROGRESSING, message: "2 of 3 updated replicas are available" })]),
      at(101),
    );
    counter.stop();
    expect(counter.writes).toBe(0);
    expect(result).toMatchObject({ accepted: 1, stale: 0, transitions: 0, written: 0 });
    expect(await t.store.getObject(cluster, web)).toMatchObject({
      resourceVersion: "10",
      status: PROGRESSING,
    });
  });

  it("spends at most two write requests on a transition and records from, to and duration", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(100));
    const counter = countWrites(t.db.client);
    await t.store.applyBatch(cluster, delta([upsert("web", 40, HEALTHY)]), at(140));
    counter.stop();
    expect(counter.writes).toBeLessThanOrEqual(2);
    const [latest] = (await t.store.listHistory(cluster, webKey, {}, at(140))).items;
    expect(latest).toMatchObject({ from: PROGRESSING, to: HEALTHY, durationSeconds: 30 });
    expect(await t.store.getObject(cluster, web)).toMatchObject({ status: HEALTHY, transitions: 2 });
  });

  it("counts an event that is not newer than the stored one as stale and changes nothing", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 20, HEALTHY)]), at(100));
    const result = await t.store.applyBatch(
      cluster,
      delta([upsert("web", 9, DEGRADED), upsert("web", 20, DEGRADED)]),
      at(101),
    );
    expect(result).toMatchObject({ accepted: 0, stale: 2, transitions: 0 });
    expect(await t.store.getObject(cluster, web)).toMatchObject({ status: HEALTHY, resourceVersion: "20" });
  });

  it("compares resourceVersions numerically, not as text", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 9, HEALTHY)]), at(100));
    await t.store.applyBatch(cluster, delta([upsert("web", 10, DEGRADED)]), at(101));
    expect(await t.store.getObject(cluster, web)).toMatchObject({ status: DEGRADED, resourceVersion: "10" });
  });

  it("orders events by observedAt when resourceVersions are not numeric", async () => {
    const cluster = t.cluster();
    const early = "2025-03-01T10:00:00Z";
    const late = "2025-03-01T11:00:00+01:00"; // the same instant as 10:00Z: not newer
    const later = "2025-03-01T10:00:01Z";
    await t.store.applyBatch(cluster, delta([upsert("web", "b7f", HEALTHY, { observedAt: early })]), at(100));
    const sameInstant = await t.store.applyBatch(
      cluster,
      delta([upsert("web", "a01", DEGRADED, { observedAt: late })]),
      at(101),
    );
    expect(sameInstant.stale).toBe(1);
    await t.store.applyBatch(
      cluster,
      delta([upsert("web", "a02", DEGRADED, { observedAt: later })]),
      at(102),
    );
    expect(await t.store.getObject(cluster, web)).toMatchObject({ status: DEGRADED, resourceVersion: "a02" });
  });

  it("applies the events of one batch in resourceVersion order whatever their position", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(100));
    await t.store.applyBatch(
      cluster,
      delta([upsert("web", 30, HEALTHY), upsert("web", 20, DEGRADED)]),
      at(101),
    );
    expect(await t.store.getObject(cluster, web)).toMatchObject({ status: HEALTHY, resourceVersion: "30" });
    const history = (await t.store.listHistory(cluster, webKey, {}, at(101))).items;
    expect(history.map((h) => [h.from?.health, h.to.health])).toEqual([
      ["Degraded", "Healthy"],
      ["Progressing", "Degraded"],
      [undefined, "Progressing"],
    ]);
  });

  it("keeps a deleted object as a Missing tombstone with its history", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, HEALTHY)]), at(100));
    await t.store.applyBatch(cluster, delta([deleted("web", 12)]), at(102));
    expect(await t.store.getObject(cluster, web)).toMatchObject({
      status: { health: "Missing", kstatus: "NotFound" },
      resourceVersion: "12",
    });
    const [latest] = (await t.store.listHistory(cluster, webKey, {}, at(102))).items;
    expect(latest).toMatchObject({ from: HEALTHY, to: { health: "Missing", kstatus: "NotFound" } });
  });

  it("records a re-created object as a transition from Missing", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, HEALTHY), deleted("web", 12)]), at(100));
    await t.store.applyBatch(cluster, delta([upsert("web", 15, PROGRESSING, { uid: "new-uid" })]), at(102));
    expect(await t.store.getObject(cluster, web)).toMatchObject({ status: PROGRESSING, uid: "new-uid" });
    const [latest] = (await t.store.listHistory(cluster, webKey, {}, at(102))).items;
    expect(latest?.from?.health).toBe("Missing");
  });

  it("treats a replayed batch as a no-op: no writes, no second history record", async () => {
    const cluster = t.cluster();
    const batch = delta([upsert("web", 10, PROGRESSING), upsert("web", 12, HEALTHY)]);
    await t.store.applyBatch(cluster, batch, at(100));
    const counter = countWrites(t.db.client);
    const replay = await t.store.applyBatch(cluster, batch, at(105));
    counter.stop();
    expect(counter.writes).toBe(0);
    expect(replay).toMatchObject({ accepted: 0, stale: 2 });
    expect((await t.store.listHistory(cluster, webKey, {}, at(105))).items).toHaveLength(2);
  });

  it("indexes an object under its bundle label and follows a label change without history", async () => {
    const cluster = t.cluster();
    const v1 = { "emco/deployment-id": `${cluster}-v1` };
    const v2 = { "emco/deployment-id": `${cluster}-v2` };
    await t.store.applyBatch(cluster, delta([upsert("web", 10, HEALTHY, { labels: v1 })]), at(100));
    expect((await t.store.listBundle(`emco/deployment-id=${cluster}-v1`)).items).toHaveLength(1);
    await t.store.applyBatch(cluster, delta([upsert("web", 11, HEALTHY, { labels: v2 })]), at(101));
    expect((await t.store.listBundle(`emco/deployment-id=${cluster}-v1`)).items).toHaveLength(0);
    expect((await t.store.listBundle(`emco/deployment-id=${cluster}-v2`)).items).toHaveLength(1);
    expect((await t.store.listHistory(cluster, webKey, {}, at(101))).items).toHaveLength(1);
  });

  it("rewrites the record, without history, when the object was re-created with the same status", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, HEALTHY, { uid: "uid-1" })]), at(100));
    const result = await t.store.applyBatch(
      cluster,
      delta([upsert("web", 30, HEALTHY, { uid: "uid-2" })]),
      at(130),
    );
    expect(result).toMatchObject({ accepted: 1, transitions: 0 });
    expect(await t.store.getObject(cluster, web)).toMatchObject({
      uid: "uid-2",
      resourceVersion: "30",
      transitions: 1,
    });
    expect((await t.store.listHistory(cluster, webKey, {}, at(130))).items).toHaveLength(1);
  });
});
