import { describe, expect, it } from "vitest";
import { SnapshotIncompleteError } from "../errors.ts";
import { objectKeyOf } from "../object-key.ts";
import { useTestTable } from "../testing/test-store.ts";
import {
  at,
  BASE_TIME,
  DEGRADED,
  delta,
  HEALTHY,
  PROGRESSING,
  snapshotPart,
  upsert,
} from "../testing/wire-events.ts";

// Keys the store builds from identity fields: one object, one key, whatever the fields hold. The
// store is also reached without the wire schema (the bench, tests, a future caller), so these hold
// for identities the ingest would refuse too.

const t = useTestTable();
const listedAt = new Date(BASE_TIME + 100_000).toISOString();
const ref = (namespace: string, name: string) => ({ group: "apps", kind: "Deployment", namespace, name });

describe("object keys in the store", () => {
  it("keep namespace x#y name c and namespace x name y#c two objects with their own history", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(
      cluster,
      delta([
        upsert("c", 10, HEALTHY, { namespace: "x#y" }),
        upsert("y#c", 11, DEGRADED, { namespace: "x" }),
      ]),
      at(20),
    );
    await t.store.applyBatch(cluster, delta([upsert("c", 12, PROGRESSING, { namespace: "x#y" })], 2), at(21));

    expect((await t.store.listObjects(cluster)).items).toHaveLength(2);
    expect((await t.store.getObject(cluster, ref("x#y", "c")))?.status.health).toBe("Progressing");
    expect((await t.store.getObject(cluster, ref("x", "y#c")))?.status.health).toBe("Degraded");
    const history = async (namespace: string, name: string) =>
      (await t.store.listHistory(cluster, objectKeyOf(ref(namespace, name)), {}, at(22))).items.map(
        (h) => h.to.health,
      );
    expect(await history("x#y", "c")).toEqual(["Progressing", "Healthy"]);
    expect(await history("x", "y#c")).toEqual(["Degraded"]);
  });

  it("list group apps and kind Deployment without the objects of group apps#Deployment", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(
      cluster,
      delta([
        upsert("web", 10, HEALTHY),
        upsert("web", 11, DEGRADED, { apiVersion: "apps#Deployment/v1", kind: "X" }),
      ]),
      at(20),
    );
    const page = await t.store.listObjects(cluster, { group: "apps", kind: "Deployment" });
    expect(page.items.map((o) => [o.group, o.kind, o.name])).toEqual([["apps", "Deployment", "web"]]);
    const inNamespace = await t.store.listObjects(cluster, {
      group: "apps",
      kind: "Deployment",
      namespace: "default",
    });
    expect(inNamespace.items).toHaveLength(1);
  });

  it("keep a name holding a newline alive through a snapshot that names it", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("two\nlines", 10, HEALTHY)]), at(20));
    const snapshot = { id: "s1", part: 0, last: true, kinds: ["apps/Deployment"], listedAt };
    const result = await t.store.applyBatch(
      cluster,
      snapshotPart([upsert("two\nlines", 50, HEALTHY)], snapshot),
      at(101),
    );
    expect(result.tombstoned).toBe(0);
    expect((await t.store.getObject(cluster, ref("default", "two\nlines")))?.status.health).toBe("Healthy");
  });

  it("leave objects of group apps#Deployment alone when a snapshot covers apps/Deployment", async () => {
    const cluster = t.cluster();
    const odd = { apiVersion: "apps#Deployment/v1", kind: "X" };
    await t.store.applyBatch(cluster, delta([upsert("web", 10, HEALTHY, odd)]), at(20));
    const snapshot = { id: "s1", part: 0, last: true, kinds: ["apps/Deployment"], listedAt };
    expect((await t.store.applyBatch(cluster, snapshotPart([], snapshot), at(101))).tombstoned).toBe(0);
    const object = await t.store.getObject(cluster, {
      group: "apps#Deployment",
      kind: "X",
      namespace: "default",
      name: "web",
    });
    expect(object?.status.health).toBe("Healthy");
  });
});

describe("an incomplete snapshot", () => {
  it("names the first few missing parts and how many, not every one", async () => {
    const cluster = t.cluster();
    const snapshot = { id: "s-far", part: 999_999, last: true, kinds: ["apps/Deployment"], listedAt };
    const failure = await t.store.applyBatch(cluster, snapshotPart([], snapshot), at(101)).catch((e) => e);
    expect(failure).toBeInstanceOf(SnapshotIncompleteError);
    expect(failure).toMatchObject({ missingCount: 999_999, missingParts: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
    expect(failure.message).toBe(
      "snapshot s-far is missing 999999 parts: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 999989 more; retry its last part",
    );
  });

  it("names a single missing part plainly", async () => {
    const cluster = t.cluster();
    const snapshot = { id: "s-one", part: 1, last: true, kinds: ["apps/Deployment"], listedAt };
    const failure = await t.store.applyBatch(cluster, snapshotPart([], snapshot), at(101)).catch((e) => e);
    expect(failure.message).toBe("snapshot s-one is missing part 0; retry its last part");
  });
});
