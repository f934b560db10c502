import { pathToFileURL } from "node:url";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { ObjectStatus } from "../src/model/object-status.ts";
import type { WireEvent } from "../src/model/wire.ts";
import { objectToItem } from "../src/store/dynamodb/codec.ts";
import { mapLimit } from "../src/store/dynamodb/concurrency.ts";
import { createDynamoStatusStore } from "../src/store/dynamodb/dynamodb-status-store.ts";
import { startEmbeddedDynamo } from "../src/store/embedded.ts";
import { createAesGcmSealer } from "../src/store/secret-sealer.ts";
import { at, delta, upsert } from "../src/store/testing/wire-events.ts";
import { countWrites } from "../test/support/count-writes.ts";

// Ingest into the embedded table (dynalite): what applyBatch costs for a realistic relay stream
// (mostly resyncs whose status did not change, a few transitions), compared with forwarding every
// event as one PutItem, and with dynalite's own conditional PutItem rate measured in the same run.

const BATCH = 500;
const CONCURRENCY = 16;
const SIZES = { objects: 2000, streamEvents: 10_000, transitionShare: 0.05, rawPuts: 3000 };

const READY: ObjectStatus = { health: "Healthy", kstatus: "Current", message: "3/3 replicas ready" };
const ROLLING: ObjectStatus = { health: "Progressing", kstatus: "InProgress", message: "2/3 replicas ready" };

/** Deterministic stream: each event either repeats its object's status (new message) or flips it. */
function makeStream(objects: number, events: number, transitionShare: number, firstRv: number) {
  const state = new Array<boolean>(objects).fill(true);
  let seed = 42;
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const stream: WireEvent[] = [];
  let transitions = 0;
  for (let i = 0; i < events; i++) {
    const n = Math.floor(random() * objects);
    const flip = random() < transitionShare;
    if (flip) {
      state[n] = !state[n];
      transitions++;
    }
    const status = state[n] ? READY : ROLLING;
    stream.push(upsert(`app-${n}`, firstRv + i, { ...status, message: `${status.message} (resync ${i})` }));
  }
  return { stream, transitions };
}

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);
const round = (x: number) => Math.round(x * 1000) / 1000;

/** Returns the figures bench/run.ts prints; takes about 20 s on a laptop core. */
export async function benchStore(sizes = SIZES): Promise<Record<string, number | string>> {
  const db = await startEmbeddedDynamo({ memory: true });
  try {
    const store = createDynamoStatusStore({ ...db, sealer: createAesGcmSealer(new Uint8Array(32)) });
    const counter = countWrites(db.client);
    const cluster = "bench";
    const batches = <T>(events: T[]) =>
      Array.from({ length: Math.ceil(events.length / BATCH) }, (_, i) =>
        events.slice(i * BATCH, (i + 1) * BATCH),
      );

    const seed = Array.from({ length: sizes.objects }, (_, n) => upsert(`app-${n}`, n + 1, READY));
    for (const batch of batches(seed)) await store.applyBatch(cluster, delta(batch), at(0));

    // Non-transitions alone: what a resync costs.
    const resync = makeStream(sizes.objects, sizes.objects, 0, sizes.objects + 1).stream;
    counter.reset();
    for (const batch of batches(resync)) await store.applyBatch(cluster, delta(batch), at(1));
    const writesPerNonTransition = counter.writes / resync.length;

    // The realistic stream, timed.
    const firstRv = 2 * sizes.objects + 1;
    const { stream, transitions } = makeStream(
      sizes.objects,
      sizes.streamEvents,
      sizes.transitionShare,
      firstRv,
    );
    counter.reset();
    let started = performance.now();
    let applied = 0;
    for (const batch of batches(stream))
      applied += (await store.applyBatch(cluster, delta(batch), at(2))).transitions;
    const ingestMs = performance.now() - started;
    const ingestWrites = counter.writes;
    const batchGets = counter.byCommand.BatchGetItemCommand ?? 0;

    // The same stream, forwarding every event as one unconditional PutItem.
    const items = stream.map((e, i) => {
      const object = {
        cluster: "forward",
        objectKey: `apps#Deployment#default#${e.object.name}`,
        group: "apps",
        kind: "Deployment",
        namespace: "default",
        name: e.object.name,
        apiVersion: "apps/v1",
        status: e.status,
        resourceVersion: e.resourceVersion,
        observedAt: e.observedAt,
        lastTransitionAt: e.observedAt,
        transitions: i,
        updatedAt: e.observedAt,
      };
      return objectToItem(object, 1);
    });
    started = performance.now();
    for (const batch of batches(items)) {
      await mapLimit(batch, CONCURRENCY, (Item) =>
        db.client.send(new PutItemCommand({ TableName: db.tableName, Item })),
      );
    }
    const forwardMs = performance.now() - started;

    // dynalite's own rate for the write the store relies on: a conditional PutItem.
    const keys = Array.from({ length: sizes.rawPuts }, (_, i) => i);
    started = performance.now();
    await mapLimit(keys, CONCURRENCY, (i) =>
      db.client.send(
        new PutItemCommand({
          TableName: db.tableName,
          Item: { pk: { S: "C#raw" }, sk: { S: `O#${i}` }, rev: { N: "1" } },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
    const rawMs = performance.now() - started;
    counter.stop();

    const ingestRate = perSecond(stream.length, ingestMs);
    const rawRate = perSecond(keys.length, rawMs);
    return {
      store_backend: "dynalite (embedded, in memory)",
      store_stream_events: stream.length,
      store_stream_transitions: applied,
      store_stream_transitions_expected: transitions,
      store_batch_size: BATCH,
      store_ingest_events_per_s: ingestRate,
      store_writes_per_transition: round(ingestWrites / Math.max(1, applied)),
      store_writes_per_non_transition: round(writesPerNonTransition),
      store_batch_gets_per_batch: round(batchGets / Math.ceil(stream.length / BATCH)),
      store_forward_every_event_events_per_s: perSecond(stream.length, forwardMs),
      store_forward_writes_per_event: 1,
      store_raw_conditional_puts_per_s: rawRate,
      store_ingest_over_raw_ratio: round(ingestRate / rawRate),
      store_ingest_over_forward_ratio: round(ingestMs > 0 ? forwardMs / ingestMs : 0),
    };
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchStore(), null, 2));
}
