import { pathToFileURL } from "node:url";
import { BatchWriteItemCommand } from "@aws-sdk/client-dynamodb";
import { createReadApp } from "../src/http/read-app.ts";
import { MetricsCache } from "../src/metrics/metrics-cache.ts";
import { storedObject } from "../src/metrics/testing/stored-object.ts";
import type { ObjectStatus } from "../src/model/object-status.ts";
import { objectToItem } from "../src/store/dynamodb/codec.ts";
import { chunk, mapLimit } from "../src/store/dynamodb/concurrency.ts";
import { createDynamoStatusStore } from "../src/store/dynamodb/dynamodb-status-store.ts";
import { type EmbeddedDynamo, startEmbeddedDynamo } from "../src/store/embedded.ts";
import type { StoredObject } from "../src/store/records.ts";
import { createAesGcmSealer } from "../src/store/secret-sealer.ts";
import type { StatusStore } from "../src/store/status-store.ts";
import { DEGRADED, delta, HEALTHY, upsert } from "../src/store/testing/wire-events.ts";
import { countWrites } from "../test/support/count-writes.ts";
import { bestMs } from "./measure.ts";

// The read function against the embedded table (dynalite): how many table requests a scrape costs once
// the function is warm, and how long a warm /metrics over 100k objects takes through the whole app
// (bearer auth, mirror sync, render, response body), beside the cache's render alone in the same run.

const TOKEN = "srr_bench";
const CLUSTERS = 20;
const SIZES = { ingested: 2000, scraped: 100_000 };

const round = (x: number) => (x < 1 ? Math.round(x * 1000) / 1000 : Math.round(x * 10) / 10);
const clusterName = (c: number) => `cluster-${String(c).padStart(2, "0")}`;

/** The app as the read function builds it, with a clock that can be moved past the feed's settling time. */
function readApp(store: StatusStore, clock: () => Date) {
  return createReadApp({ store, clock, auth: { token: TOKEN } });
}

async function request(app: ReturnType<typeof readApp>, path: string, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers: { authorization: `Bearer ${TOKEN}`, ...headers } });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res;
}

async function scrape(app: ReturnType<typeof readApp>, path = "/metrics"): Promise<string> {
  return (await request(app, path)).text();
}

/** Objects recorded as the ingest records them (applyBatch, then the visit), spread over the clusters. */
async function ingest(store: StatusStore, objects: number, when: Date): Promise<void> {
  for (let c = 0; c < CLUSTERS; c++) {
    const cluster = clusterName(c);
    await store.createCluster(cluster, "bench-relay-secret", when);
    const events = Array.from({ length: objects / CLUSTERS }, (_, i) => upsert(`app-${i}`, 1, HEALTHY));
    for (const batch of chunk(events, 500)) await store.applyBatch(cluster, delta(batch), when);
    await touch(store, cluster, when);
  }
}

async function touch(store: StatusStore, cluster: string, when: Date): Promise<void> {
  const record = await store.getCluster(cluster);
  if (record) await store.touchCluster(record, { relayVersion: "bench", at: when, changed: true });
}

/** Writes records straight into the table (25 per BatchWriteItem): only the read side is measured here. */
async function load(
  db: EmbeddedDynamo,
  store: StatusStore,
  objects: number,
  when: Date,
): Promise<StoredObject[]> {
  const unhealthy: Partial<ObjectStatus> = { health: "Progressing", kstatus: "InProgress" };
  const records = Array.from({ length: objects }, (_, n) =>
    storedObject(
      n % 5 === 0 ? "v1" : "apps/v1",
      n % 5 === 0 ? "Pod" : "Deployment",
      `app-${n}`,
      n % 6 ? {} : unhealthy,
      {
        cluster: clusterName(n % CLUSTERS),
        namespace: `team-${n % 50}`,
        lastTransitionAt: when.toISOString(),
      },
    ),
  );
  for (let c = 0; c < CLUSTERS; c++) await store.createCluster(clusterName(c), "bench-relay-secret", when);
  await mapLimit(chunk(records, 25), 8, (batch) =>
    db.client.send(
      new BatchWriteItemCommand({
        RequestItems: { [db.tableName]: batch.map((r) => ({ PutRequest: { Item: objectToItem(r, 1) } })) },
      }),
    ),
  );
  for (let c = 0; c < CLUSTERS; c++) await touch(store, clusterName(c), when);
  return records;
}

async function withTable<T>(run: (db: EmbeddedDynamo, store: StatusStore) => Promise<T>): Promise<T> {
  const db = await startEmbeddedDynamo({ memory: true });
  try {
    return await run(db, createDynamoStatusStore({ ...db, sealer: createAesGcmSealer(new Uint8Array(32)) }));
  } finally {
    await db.close();
  }
}

/** Returns the figures bench/run.ts prints; about a minute, most of it loading 100k records into dynalite. */
export async function benchRead(sizes = SIZES): Promise<Record<string, number | string>> {
  const rows: Record<string, number | string> = {};
  const written = new Date("2025-03-01T10:00:00Z");
  // A minute later: every change has settled (the mirror reads a change feed again for 10 s after it moved).
  let now = new Date(written.getTime() + 60_000);
  const clock = () => now;

  await withTable(async (db, store) => {
    await ingest(store, sizes.ingested, written);
    const app = readApp(store, clock);
    const counter = countWrites(db.client);
    await scrape(app);
    const cold = counter.byCommand;
    counter.reset();
    await scrape(app);
    const warm = { ...counter.byCommand };
    // One object of one cluster changes: that cluster's feed is read once more.
    const changedAt = new Date(now.getTime() + 1000);
    await store.applyBatch(clusterName(0), delta([upsert("app-0", 2, DEGRADED)]), changedAt);
    await touch(store, clusterName(0), changedAt);
    now = new Date(changedAt.getTime() + 60_000);
    counter.reset();
    const text = await scrape(app, `/metrics?cluster=${clusterName(0)}`);
    const afterChange = { ...counter.byCommand };
    counter.stop();
    const sum = (byCommand: Record<string, number>) => Object.values(byCommand).reduce((a, b) => a + b, 0);
    rows["objects ingested (applyBatch), clusters"] = `${sizes.ingested}, ${CLUSTERS}`;
    rows["table requests, first scrape (cold)"] = sum(cold);
    rows["table requests, warm scrape, nothing changed"] = sum(warm);
    rows["  of which"] = JSON.stringify(warm);
    rows["table requests, warm scrape, one cluster changed"] = sum(afterChange);
    rows["the change is in that scrape"] = text.includes('name="app-0",health="Degraded"} 1') ? "yes" : "NO";
    rows["target: warm scrape, nothing changed, ≤ 1 query"] = sum(warm) <= 1 ? "met" : "NOT MET";
  });

  await withTable(async (db, store) => {
    let started = performance.now();
    const records = await load(db, store, sizes.scraped, written);
    const loadMs = performance.now() - started;
    now = new Date(written.getTime() + 60_000);
    const app = readApp(store, clock);
    started = performance.now();
    const text = await scrape(app);
    const coldMs = performance.now() - started;
    const warmMs = await bestMs(() => scrape(app), 5);
    const openMetrics = { accept: "application/openmetrics-text;version=1.0.0" };
    const openMetricsMs = await bestMs(async () => (await request(app, "/metrics", openMetrics)).text(), 3);
    // What Prometheus gets: it always sends Accept-Encoding: gzip.
    const gzip = { "accept-encoding": "gzip" };
    const gzipMs = await bestMs(async () => (await request(app, "/metrics", gzip)).arrayBuffer(), 3);
    const gzipBytes = (await (await request(app, "/metrics", gzip)).arrayBuffer()).byteLength;
    const cache = new MetricsCache({ staleAfterMs: 300_000 });
    for (const record of records) cache.upsert(record);
    cache.setClusters(await store.listClusters(), now.getTime());
    const renderMs = await bestMs(async () => Buffer.from(cache.render()), 3);
    const syncQueryMs = await bestMs(() => store.listClusters(), 2);
    const series = text.split("\n").filter((l) => l !== "" && !l.startsWith("#")).length;
    rows["objects in the table (written directly)"] = sizes.scraped;
    rows.series = series;
    rows["exposition MB"] = round(Buffer.byteLength(text) / 1e6);
    rows["dynalite load ms (not the read path)"] = round(loadMs);
    rows["first /metrics, cold mirror (every object read) ms"] = round(coldMs);
    rows["warm /metrics through the app, text, ms"] = round(warmMs);
    rows["warm /metrics through the app, OpenMetrics, ms"] = round(openMetricsMs);
    rows["warm /metrics through the app, gzip (as Prometheus asks), ms"] = round(gzipMs);
    rows["gzipped exposition MB (a Lambda response holds 6 MB)"] = round(gzipBytes / 1e6);
    rows["baseline: the cache's render alone, to bytes, ms"] = round(renderMs);
    rows["of which the sync's one query, on dynalite, ms"] = round(syncQueryMs);
    rows["the rest: auth, routing, response body ms"] = round(warmMs - renderMs - syncQueryMs);
  });
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchRead(), null, 2));
}
