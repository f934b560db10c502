import { describe, expect, it } from "vitest";
import type { Snapshot } from "../../model/wire.ts";
import { SnapshotIncompleteError } from "../errors.ts";
import { interceptOnce } from "../testing/intercept.ts";
import { useTestTable } from "../testing/test-store.ts";
import { at, BASE_TIME, delta, HEALTHY, PROGRESSING, snapshotPart, upsert } from "../testing/wire-events.ts";

const t = useTestTable();
const deployments = ["apps/Deployment"];
const ref = (name: string, kind = "Deployment", group = "apps") => ({
  group,
  kind,
  namespace: "default",
  name,
});
const snapshotAt = (seconds: number, over: Partial<Snapshot> = {}): Snapshot => ({
  id: `snap-${seconds}`,
  part: 0,
  last: true,
  kinds: deployments,
  listedAt: new Date(BASE_TIME + seconds * 1000).toISOString(),
  ...over,
});

async function seed(cluster: string, names: string[]) {
  await t.store.applyBatch(cluster, delta(names.map((n, i) => upsert(n, 10 + i, HEALTHY))), at(20));
}

describe("snapshots", () => {
  it("tombstone on their last part every object of their kinds that no part named", async () => {
    const cluster = t.cluster();
    await seed(cluster, ["a", "b", "gone"]);
    await t.store.applyBatch(
      cluster,
      snapshotPart([upsert("a", 50, HEALTHY)], snapshotAt(100, { last: false })),
      at(101),
    );
    const result = await t.store.applyBatch(
      cluster,
      snapshotPart([upsert("b", 51, HEALTHY)], snapshotAt(100, { part: 1 })),
      at(102),
    );
    expect(result.tombstoned).toBe(1);
    expect((await t.store.getObject(cluster, ref("gone")))?.status).toMatchObject({
      health: "Missing",
      kstatus: "NotFound",
    });
    expect((await t.store.getObject(cluster, ref("a")))?.status.health).toBe("Healthy");
    expect((await t.store.getObject(cluster, ref("b")))?.status.health).toBe("Healthy");
    const [record] = (await t.store.listHistory(cluster, "apps#Deployment#default#gone", {}, at(102))).items;
    expect(record).toMatchObject({ from: HEALTHY, cause: "snapshot", snapshotId: "snap-100" });
  });

  it("leave objects of kinds they do not cover alone", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(
      cluster,
      delta([upsert("svc", 10, HEALTHY, { apiVersion: "v1", kind: "Service" })]),
      at(20),
    );
    await t.store.applyBatch(cluster, snapshotPart([], snapshotAt(100)), at(101));
    expect((await t.store.getObject(cluster, ref("svc", "Service", "")))?.status.health).toBe("Healthy");
  });

  it("match core kinds written as Kind or /Kind", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(
      cluster,
      delta([
        upsert("p1", 10, HEALTHY, { apiVersion: "v1", kind: "Pod" }),
        upsert("s1", 11, HEALTHY, { apiVersion: "v1", kind: "Service" }),
      ]),
      at(20),
    );
    const result = await t.store.applyBatch(
      cluster,
      snapshotPart([], snapshotAt(100, { kinds: ["Pod", "/Service"] })),
      at(101),
    );
    expect(result.tombstoned).toBe(2);
  });

  it("never tombstone an object a delta recorded after the listing began", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(
      cluster,
      snapshotPart([upsert("a", 50, HEALTHY)], snapshotAt(100, { last: false })),
      at(101),
    );
    // Created while the relay was still listing: the listing cannot name it, the delta did.
    await t.store.applyBatch(
      cluster,
      delta([upsert("racer", 60, PROGRESSING, { observedAt: at(105).toISOString() })]),
      at(105),
    );
    const result = await t.store.applyBatch(cluster, snapshotPart([], snapshotAt(100, { part: 1 })), at(106));
    expect(result.tombstoned).toBe(0);
    expect((await t.store.getObject(cluster, ref("racer")))?.status.health).toBe("Progressing");
  });

  it("refuse to tombstone before every earlier part arrived, and do it once they have", async () => {
    const cluster = t.cluster();
    await seed(cluster, ["a", "gone"]);
    const last = snapshotPart([], snapshotAt(100, { part: 1 }));
    await expect(t.store.applyBatch(cluster, last, at(101))).rejects.toBeInstanceOf(SnapshotIncompleteError);
    expect((await t.store.getObject(cluster, ref("a")))?.status.health).toBe("Healthy");
    await t.store.applyBatch(
      cluster,
      snapshotPart([upsert("a", 50, HEALTHY)], snapshotAt(100, { last: false })),
      at(102),
    );
    expect((await t.store.applyBatch(cluster, last, at(103))).tombstoned).toBe(1);
    expect((await t.store.getObject(cluster, ref("a")))?.status.health).toBe("Healthy");
  });

  it("tombstone once even when the last part is retried", async () => {
    const cluster = t.cluster();
    await seed(cluster, ["gone"]);
    const last = snapshotPart([], snapshotAt(100));
    await t.store.applyBatch(cluster, last, at(101));
    expect((await t.store.applyBatch(cluster, last, at(102))).tombstoned).toBe(0);
    expect(
      (await t.store.listHistory(cluster, "apps#Deployment#default#gone", {}, at(102))).items,
    ).toHaveLength(2);
  });

  it("keep a tombstoned object gone against events observed before the listing", async () => {
    const cluster = t.cluster();
    await seed(cluster, ["gone"]);
    await t.store.applyBatch(cluster, snapshotPart([], snapshotAt(100)), at(101));
    const straggler = upsert("gone", 90, PROGRESSING, { observedAt: at(95).toISOString() });
    expect((await t.store.applyBatch(cluster, delta([straggler]), at(102))).stale).toBe(1);
    const recreated = upsert("gone", 120, PROGRESSING, { observedAt: at(110).toISOString() });
    await t.store.applyBatch(cluster, delta([recreated]), at(110));
    expect((await t.store.getObject(cluster, ref("gone")))?.status.health).toBe("Progressing");
  });

  it("take back the history record when the object changed between read and tombstone", async () => {
    const cluster = t.cluster();
    await seed(cluster, ["flaky"]);
    const rival = t.storeWith();
    const remove = interceptOnce(
      t.db.client,
      (command, input) => command === "PutItemCommand" && "tombstonedBy" in ((input.Item as object) ?? {}),
      async () => {
        const late = upsert("flaky", 70, PROGRESSING, { observedAt: at(104).toISOString() });
        await rival.applyBatch(cluster, delta([late]), at(104));
      },
    );
    const result = await t.store.applyBatch(cluster, snapshotPart([], snapshotAt(100)), at(103));
    remove();
    expect(result.tombstoned).toBe(0);
    expect((await t.store.getObject(cluster, ref("flaky")))?.status.health).toBe("Progressing");
    const history = (await t.store.listHistory(cluster, "apps#Deployment#default#flaky", {}, at(105))).items;
    expect(history.map((h) => h.cause)).toEqual(["event", "event"]);
  });

  it("never tombstone an object re-created during the listing, even with an unchanged status", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("svc", 10, HEALTHY, { uid: "old" })]), at(20));
    // Deleted just before the listing, re-created just after it began: the listing missed both.
    const again = upsert("svc", 60, HEALTHY, { uid: "new", observedAt: at(105).toISOString() });
    await t.store.applyBatch(cluster, delta([again]), at(105));
    const result = await t.store.applyBatch(cluster, snapshotPart([], snapshotAt(100)), at(106));
    expect(result.tombstoned).toBe(0);
  });
});
