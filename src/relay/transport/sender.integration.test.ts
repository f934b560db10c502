import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ObjectStatus } from "../../model/object-status.ts";
import { objectKeyOf } from "../../store/object-key.ts";
import { useTestTable } from "../../store/testing/test-store.ts";
import { at, DEGRADED, HEALTHY, PROGRESSING, upsert } from "../../store/testing/wire-events.ts";
import { createSender } from "./sender.ts";
import type { SenderOptions } from "./sender-api.ts";
import { type Fault, type FaultProxy, startFaultProxy } from "./testing/fault-proxy.ts";
import { type IngestServer, startIngestServer } from "./testing/ingest-server.ts";
import { metricValue } from "./testing/metric-value.ts";

// The sender against the real ingest app over HTTP, storing in dynalite, with real time: backoff
// and linger are shortened so the whole file runs in seconds.

const table = useTestTable();
const SECRET = "integration-s3cret";
let ingest: IngestServer;
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  ingest = await startIngestServer(table.store);
});

afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await ingest.close();
});

async function registeredCluster(): Promise<string> {
  const cluster = table.cluster();
  await table.store.createCluster(cluster, SECRET, new Date());
  return cluster;
}

async function behind(decide: (n: number) => Fault): Promise<FaultProxy> {
  const proxy = await startFaultProxy(ingest.url, decide);
  proxies.push(proxy);
  return proxy;
}

function sender(cluster: string, endpoint: string, options: Partial<SenderOptions> = {}) {
  const registry = new Registry();
  const s = createSender({
    endpoint,
    cluster,
    secret: SECRET,
    version: "9.9.9",
    registry,
    limits: { lingerMs: 20 },
    backoff: { baseMs: 20, capMs: 200 },
    gateThreshold: 3,
    ...options,
  });
  return { sender: s, registry };
}

const keyOf = (name: string) =>
  objectKeyOf({ group: "apps", kind: "Deployment", namespace: "default", name });
const LATER = at(1_000_000); // history is listed as of a time its records have not expired at

async function storedHealth(cluster: string, name: string): Promise<string | undefined> {
  const object = await table.store.getObject(cluster, {
    group: "apps",
    kind: "Deployment",
    namespace: "default",
    name,
  });
  return object?.status.health;
}

describe("sender against the real ingest", () => {
  it("delivers signed gzip batches that the ingest verifies and stores", async () => {
    const cluster = await registeredCluster();
    const { sender: s } = sender(cluster, ingest.url);
    s.enqueue(upsert("web", 1, HEALTHY));
    s.enqueue(upsert("api", 2, DEGRADED));
    expect(await s.flush(10_000)).toEqual({ complete: true, unsentEvents: 0 });
    expect(await storedHealth(cluster, "web")).toBe("Healthy");
    expect(await storedHealth(cluster, "api")).toBe("Degraded");
    expect((await table.store.getCluster(cluster))?.relayVersion).toBe("9.9.9");
  });

  it("gets every final status through 503s, a 429 and dropped connections, with no duplicate transitions", async () => {
    const cluster = await registeredCluster();
    const faults: Fault[] = [
      "pass",
      "pass",
      { status: 503, message: "down", retryAfter: "1" },
      { status: 429, message: "slow down" },
      "drop",
      "drop-after-forward", // applied, but the reply is lost: the relay sends it again
      { status: 502, message: "bad gateway" },
      "drop-after-forward",
    ];
    const proxy = await behind((n) => faults[n - 1] ?? "pass");
    const { sender: s, registry } = sender(cluster, proxy.url);
    const statuses: ObjectStatus[] = [PROGRESSING, DEGRADED, HEALTHY];
    const objects = 20;
    let deepest = 0;
    // Objects keep changing until every fault has been met, outage included; then the last round.
    let round = 0;
    for (; round < 6 || (proxy.requests <= faults.length && round < 500); round++) {
      for (let i = 0; i < objects; i++) {
        s.enqueue(upsert(`obj-${i}`, round * 100 + i + 1, statuses[(round + i) % 3] as ObjectStatus));
        deepest = Math.max(deepest, s.stats().queued);
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const last = round - 1;
    expect(await s.flush(20_000)).toEqual({ complete: true, unsentEvents: 0 });
    expect(deepest).toBeLessThanOrEqual(objects);
    expect(proxy.requests).toBeGreaterThan(faults.length);
    let transitions = 0;
    for (let i = 0; i < objects; i++) {
      expect(await storedHealth(cluster, `obj-${i}`)).toBe(statuses[(last + i) % 3]?.health);
      const history = (await table.store.listHistory(cluster, keyOf(`obj-${i}`), { limit: 100 }, LATER))
        .items;
      transitions += history.length;
      // A gap record shares its resourceVersion with the status that followed the loss, and that
      // status is recorded even when it equals the one before the gap: so each is told apart by cause.
      const versions = history.map((t) => `${t.cause}:${t.resourceVersion}`);
      expect(new Set(versions).size).toBe(versions.length);
      const oldestFirst = [...history].reverse();
      oldestFirst.forEach((transition, n) => {
        const afterGap = oldestFirst[n - 1]?.cause === "gap";
        if (transition.cause === "event" && !afterGap)
          expect(transition.to.health).not.toBe(transition.from?.health);
      });
    }
    expect(transitions).toBeGreaterThan(objects); // intermediate statuses got through too
    expect(
      await metricValue(registry, "status_recorder_relay_send_failures_total", { reason: "server" }),
    ).toBe(2);
    expect(
      await metricValue(registry, "status_recorder_relay_send_failures_total", { reason: "network" }),
    ).toBe(3);
  });

  it("drops a batch refused with 400 and keeps delivering the ones after it", async () => {
    const cluster = await registeredCluster();
    const proxy = await behind((n) => (n === 1 ? { status: 400, message: "batch is invalid" } : "pass"));
    const { sender: s, registry } = sender(cluster, proxy.url);
    s.enqueue(upsert("refused", 1, HEALTHY));
    await vi.waitFor(() => expect(proxy.requests).toBe(1));
    s.enqueue(upsert("after", 2, HEALTHY));
    expect(await s.flush(10_000)).toEqual({ complete: true, unsentEvents: 0 });
    expect(await storedHealth(cluster, "refused")).toBeUndefined();
    expect(await storedHealth(cluster, "after")).toBe("Healthy");
    expect(
      await metricValue(registry, "status_recorder_relay_dropped_batches_total", { reason: "rejected" }),
    ).toBe(1);
  });

  it("keeps changes, rather than dropping them, while the ingest refuses its signature", async () => {
    const cluster = await registeredCluster();
    const { sender: s, registry } = sender(cluster, ingest.url, { secret: "not-the-secret" });
    s.enqueue(upsert("web", 1, HEALTHY));
    expect(await s.flush(300)).toEqual({ complete: false, unsentEvents: 1 });
    expect(
      await metricValue(registry, "status_recorder_relay_send_failures_total", { reason: "auth" }),
    ).toBeGreaterThan(0);
    expect(await storedHealth(cluster, "web")).toBeUndefined();
  });

  it("calls onConfigRevision when the cluster's desired config changes", async () => {
    const cluster = await registeredCluster();
    const current = (await table.store.getCluster(cluster))?.configRevision ?? "";
    const onConfigRevision = vi.fn();
    const { sender: s } = sender(cluster, ingest.url, { configRevision: current, onConfigRevision });
    s.enqueue(upsert("web", 1, HEALTHY));
    await vi.waitFor(async () => expect(await storedHealth(cluster, "web")).toBe("Healthy"));
    expect(onConfigRevision).not.toHaveBeenCalled();
    await table.store.putConfig({ cluster }, "staleAfter: 2m\n", { staleAfter: "2m" }, new Date());
    s.enqueue(upsert("web", 2, DEGRADED));
    await s.flush(10_000);
    const changed = (await table.store.getCluster(cluster))?.configRevision;
    expect(changed).not.toBe(current);
    expect(onConfigRevision.mock.calls).toEqual([[changed]]);
  });

  it("tombstones through a snapshot what the listing no longer found, but not a delta observed after it", async () => {
    const cluster = await registeredCluster();
    const { sender: s } = sender(cluster, ingest.url, { limits: { lingerMs: 20, maxEvents: 2 } });
    for (const name of ["a", "b", "gone"]) s.enqueue(upsert(name, 1, HEALTHY));
    const listedAt = new Date();
    const outcome = s.sendSnapshot(["apps/Deployment"], listedAt, [
      upsert("a", 5, HEALTHY),
      upsert("b", 6, DEGRADED),
    ]);
    const after = new Date(listedAt.getTime() + 1000).toISOString();
    s.enqueue(upsert("new", 7, PROGRESSING, { observedAt: after }));
    expect(await outcome).toBe("completed");
    await s.flush(10_000);
    expect(await storedHealth(cluster, "gone")).toBe("Missing");
    expect(await storedHealth(cluster, "b")).toBe("Degraded");
    expect(await storedHealth(cluster, "new")).toBe("Progressing");
  });

  it("reports a snapshot whose earlier part the ingest never got (409) to onSnapshotRejected", async () => {
    const cluster = await registeredCluster();
    // The proxy answers for part 0 itself, so the ingest only ever sees the last part.
    const proxy = await behind((n) => (n === 1 ? { fakeAck: "" } : "pass"));
    const onSnapshotRejected = vi.fn();
    const { sender: s } = sender(cluster, proxy.url, { onSnapshotRejected, limits: { maxEvents: 1 } });
    const events = [upsert("a", 1, HEALTHY), upsert("b", 2, HEALTHY)];
    expect(await s.sendSnapshot(["apps/Deployment"], new Date(), events)).toBe("rejected");
    expect(onSnapshotRejected).toHaveBeenCalledTimes(1);
    await s.flush(1000);
  });
});

describe("a new relay's snapshot against what an earlier run stored", () => {
  it("names an object first seen after the listing, so its last part does not tombstone it", async () => {
    const cluster = await registeredCluster();
    const earlier = sender(cluster, ingest.url).sender;
    earlier.enqueue(upsert("late", 5, HEALTHY));
    expect(await earlier.flush(10_000)).toMatchObject({ complete: true });

    // The next run lists a, b, c and is told of "late" only while the listing's first part is on its
    // way, in the status the earlier run stored: a delta the store applies without writing anything.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let posts = 0;
    const holdFirst: typeof fetch = (input, init) =>
      ++posts === 1 ? held.then(() => fetch(input, init)) : fetch(input, init);
    const { sender: next } = sender(cluster, ingest.url, {
      fetch: holdFirst,
      limits: { lingerMs: 20, maxEvents: 2 },
    });
    const listed = ["a", "b", "c"].map((name, i) => upsert(name, 200 + i, HEALTHY));
    const done = next.sendSnapshot(["apps/Deployment"], at(100), listed);
    await vi.waitFor(() => expect(posts).toBe(1));
    next.enqueue(upsert("late", 6, HEALTHY, { observedAt: at(101).toISOString() }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();

    expect(await done).toBe("completed");
    expect(await storedHealth(cluster, "late")).toBe("Healthy");
    expect(await storedHealth(cluster, "c")).toBe("Healthy");
  });
});
