import { describe, expect, it } from "vitest";
import { countWrites } from "../../test/support/count-writes.ts";
import type { WireEvent } from "../model/wire.ts";
import type { StoredObject } from "../store/records.ts";
import type { StatusStore } from "../store/status-store.ts";
import { useTestTable } from "../store/testing/test-store.ts";
import { at, DEGRADED, delta, HEALTHY, PROGRESSING, upsert } from "../store/testing/wire-events.ts";
import { createStateMirror, type MirrorChange } from "./state-mirror.ts";

const t = useTestTable();

/** Registers clusters in the shared table; the mirror sees only these (other tests' clusters stay out). */
async function registered(count: number) {
  const names = Array.from({ length: count }, () => t.cluster());
  for (const name of names) await t.store.createCluster(name, "relay-secret-0123456789", at(0));
  const only = new Set(names);
  const store: Pick<StatusStore, "listClusters" | "listObjects" | "listChangedSince"> = {
    listClusters: async () => (await t.store.listClusters()).filter((c) => only.has(c.name)),
    listObjects: (cluster, query) => t.store.listObjects(cluster, query),
    listChangedSince: (cluster, since, page) => t.store.listChangedSince(cluster, since, page),
  };
  return { names, store };
}

/** What the ingest does with a batch: apply it, then record the visit (and whether it wrote). */
async function ingest(cluster: string, events: WireEvent[], seconds: number) {
  const result = await t.store.applyBatch(cluster, delta(events), at(seconds));
  const record = await t.store.getCluster(cluster);
  if (!record) throw new Error(`cluster ${cluster} is not registered`);
  await t.store.touchCluster(record, {
    relayVersion: "0.1.0",
    at: at(seconds),
    changed: result.written > 0,
  });
}

const healthOf = (objects: StoredObject[], name: string) =>
  objects.find((o) => o.name === name)?.status.health;

describe("StateMirror", () => {
  it("loads every object of every registered cluster on its first sync", async () => {
    const { names, store } = await registered(2);
    const [a = "", b = ""] = names;
    await ingest(a, [upsert("web", 1, HEALTHY), upsert("api", 2, PROGRESSING)], 10);
    await ingest(b, [upsert("db", 1, DEGRADED)], 10);
    const mirror = createStateMirror({ store, clock: () => at(100) });

    await mirror.sync();

    expect(
      mirror
        .objects(a)
        .map((o) => o.name)
        .sort(),
    ).toEqual(["api", "web"]);
    expect(
      mirror
        .objects()
        .map((o) => o.name)
        .sort(),
    ).toEqual(["api", "db", "web"]);
    expect(
      mirror
        .clusters()
        .map((c) => c.name)
        .sort(),
    ).toEqual([...names].sort());
  });

  it("costs one query when nothing changed", async () => {
    const { names, store } = await registered(3);
    for (const name of names) await ingest(name, [upsert("web", 1, HEALTHY)], 10);
    const mirror = createStateMirror({ store, clock: () => at(100) });
    await mirror.sync();
    const counter = countWrites(t.db.client);

    await mirror.sync();

    counter.stop();
    expect(counter.byCommand).toEqual({ QueryCommand: 1 });
  });

  it("reads the change feed of just the cluster whose last change moved", async () => {
    const { names, store } = await registered(3);
    const [changed = ""] = names;
    for (const name of names) await ingest(name, [upsert("web", 1, PROGRESSING)], 10);
    let now = at(100);
    const mirror = createStateMirror({ store, clock: () => now });
    await mirror.sync();
    await ingest(changed, [upsert("web", 2, HEALTHY)], 110);
    now = at(200);
    const counter = countWrites(t.db.client);

    await mirror.sync();

    counter.stop();
    expect(counter.byCommand).toEqual({ QueryCommand: 2 });
    expect(healthOf(mirror.objects(changed), "web")).toBe("Healthy");
  });

  it("sees a change made after a visit that changed nothing", async () => {
    const { names, store } = await registered(1);
    const [cluster = ""] = names;
    await ingest(cluster, [upsert("web", 1, PROGRESSING)], 10);
    let now = at(100);
    const mirror = createStateMirror({ store, clock: () => now });
    await mirror.sync();
    await ingest(cluster, [], 105);
    await ingest(cluster, [upsert("web", 2, DEGRADED)], 107);
    now = at(200);

    await mirror.sync();

    expect(healthOf(mirror.objects(cluster), "web")).toBe("Degraded");
  });

  it("reads a change again while it may not have reached the change feed's index", async () => {
    const { names, store } = await registered(1);
    const [cluster = ""] = names;
    await ingest(cluster, [upsert("web", 1, PROGRESSING)], 10);
    let now = at(100);
    const mirror = createStateMirror({ store, clock: () => now, settleMs: 10_000 });
    await mirror.sync();
    await ingest(cluster, [upsert("web", 2, HEALTHY)], 110);
    now = at(112);
    await mirror.sync();
    const counter = countWrites(t.db.client);

    await mirror.sync();
    now = at(125);
    await mirror.sync();
    await mirror.sync();

    counter.stop();
    expect(counter.byCommand).toEqual({ QueryCommand: 2 + 2 + 1 });
  });

  it("tells listeners which records changed, once each", async () => {
    const { names, store } = await registered(1);
    const [cluster = ""] = names;
    await ingest(cluster, [upsert("web", 1, PROGRESSING), upsert("api", 1, HEALTHY)], 10);
    let now = at(100);
    const mirror = createStateMirror({ store, clock: () => now });
    const changes: MirrorChange[] = [];
    mirror.onChange((change) => changes.push(change));
    await mirror.sync();
    await ingest(cluster, [upsert("web", 2, HEALTHY)], 110);
    now = at(200);

    await mirror.sync();
    await mirror.sync();

    expect(changes.map((c) => c.objects.map((o) => o.name).sort())).toEqual([["api", "web"], ["web"]]);
  });

  it("drops a cluster that is no longer registered and says so", async () => {
    const { names, store } = await registered(2);
    const [kept = "", removed = ""] = names;
    await ingest(kept, [upsert("web", 1, HEALTHY)], 10);
    await ingest(removed, [upsert("web", 1, HEALTHY)], 10);
    const mirror = createStateMirror({ store, clock: () => at(100) });
    const changes: MirrorChange[] = [];
    await mirror.sync();
    mirror.onChange((change) => changes.push(change));
    await t.store.removeCluster(removed);

    await mirror.sync();

    expect(changes).toEqual([{ objects: [], removedClusters: [removed] }]);
    expect(mirror.objects().map((o) => o.cluster)).toEqual([kept]);
  });

  it("keeps the record it holds when the feed hands back an older copy", async () => {
    const newer = { ...storedWeb(), transitions: 3, updatedAt: at(50).toISOString() };
    const older = { ...storedWeb(), transitions: 2, updatedAt: at(60).toISOString() };
    let feed: StoredObject[] = [newer];
    let marker = at(10).toISOString();
    const store = {
      listClusters: async () => [{ name: "c", createdAt: "", configRevision: "", lastChangedAt: marker }],
      listObjects: async () => ({ items: feed }),
      listChangedSince: async () => ({ items: feed }),
    };
    const mirror = createStateMirror({ store, clock: () => at(1000) });
    await mirror.sync();
    feed = [older];
    marker = at(20).toISOString();

    await mirror.sync();

    expect(mirror.objects("c")).toEqual([newer]);
  });
});

function storedWeb(): StoredObject {
  return {
    cluster: "c",
    objectKey: "apps#Deployment#default#web",
    group: "apps",
    kind: "Deployment",
    namespace: "default",
    name: "web",
    apiVersion: "apps/v1",
    status: HEALTHY,
    resourceVersion: "1",
    observedAt: at(0).toISOString(),
    lastTransitionAt: at(0).toISOString(),
    transitions: 1,
    updatedAt: at(0).toISOString(),
  };
}
