import { describe, expect, it } from "vitest";
import { interceptOnce, isRecordPut } from "../testing/intercept.ts";
import { useTestTable } from "../testing/test-store.ts";
import { at, DEGRADED, delta, HEALTHY, PROGRESSING, upsert } from "../testing/wire-events.ts";

// Faults between applyBatch's reads and writes: a crash between the history and the record write,
// and a rival writer (another function instance) getting in between read and write.

const t = useTestTable();
const web = { group: "apps", kind: "Deployment", namespace: "default", name: "web" };
const webKey = "apps#Deployment#default#web";

describe("applyBatch under faults", () => {
  it("keeps the history of a transition when the process dies between its two writes", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, PROGRESSING)]), at(100));
    const batch = delta([upsert("web", 20, HEALTHY)]);
    const remove = interceptOnce(t.db.client, isRecordPut, async () => {
      throw new Error("process died");
    });
    await expect(t.store.applyBatch(cluster, batch, at(101))).rejects.toThrow("process died");
    remove();
    await t.store.applyBatch(cluster, batch, at(103)); // the relay retries the same batch
    expect(await t.store.getObject(cluster, web)).toMatchObject({ status: HEALTHY, resourceVersion: "20" });
    const history = (await t.store.listHistory(cluster, webKey, {}, at(103))).items;
    expect(history.map((h) => h.to.health)).toEqual(["Healthy", "Progressing"]);
  });

  it("re-reads and decides again when another writer changed the object first", async () => {
    const cluster = t.cluster();
    const rival = t.storeWith();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, HEALTHY)]), at(100));
    const remove = interceptOnce(t.db.client, isRecordPut, async () => {
      await rival.applyBatch(cluster, delta([upsert("web", 20, DEGRADED)]), at(101));
    });
    const result = await t.store.applyBatch(cluster, delta([upsert("web", 30, PROGRESSING)]), at(101));
    remove();
    expect(result).toMatchObject({ accepted: 1, transitions: 1 });
    expect(await t.store.getObject(cluster, web)).toMatchObject({ status: PROGRESSING, transitions: 3 });
    const history = (await t.store.listHistory(cluster, webKey, {}, at(101))).items;
    expect(history.map((h) => [h.from?.health, h.to.health])).toEqual([
      ["Degraded", "Progressing"],
      ["Healthy", "Degraded"],
      [undefined, "Healthy"],
    ]);
  });

  it("turns an event the rival made stale into a stale count, not a write", async () => {
    const cluster = t.cluster();
    const rival = t.storeWith();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, HEALTHY)]), at(100));
    const remove = interceptOnce(t.db.client, isRecordPut, async () => {
      await rival.applyBatch(cluster, delta([upsert("web", 30, DEGRADED)]), at(101));
    });
    const result = await t.store.applyBatch(cluster, delta([upsert("web", 20, PROGRESSING)]), at(101));
    remove();
    expect(result).toMatchObject({ accepted: 0, stale: 1, transitions: 0 });
    expect(await t.store.getObject(cluster, web)).toMatchObject({ status: DEGRADED, resourceVersion: "30" });
  });
});
