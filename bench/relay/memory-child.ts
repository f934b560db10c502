import { Registry } from "prom-client";
import type { ObjectStatus } from "../../src/model/object-status.ts";
import { HISTORY_BOUND } from "../../src/relay/transport/held-history.ts";
import { createSender } from "../../src/relay/transport/sender.ts";
import type { Sender } from "../../src/relay/transport/sender-api.ts";
import { objectKeyIn } from "../../src/relay/watch/object-keys.ts";
import { instanceAt, type KindGroup, kindGroups, render, type Variant } from "./object-population.ts";
import { startWatchFeed } from "./watch-feed.ts";

// Run by memory.ts as `node --expose-gc --import tsx memory-child.ts MODE COUNT`: builds one structure
// of COUNT objects from raw watch lines and prints what it added to the heap and to the RSS, measured
// between full collections, as one JSON line. A process per measurement, so none inherits another's heap.
//   map      baseline: a Map of the objects' bare keys (namespace/name), nothing else
//   tracker  the relay's watch path (watch-stream, scope-watch, tracker); the sender acknowledges at once
//   stalled  the same, with the real sender's queue holding every object's event: the ingest is unreachable
//   history  stalled, and every object then changes past the held-history bound (a crash loop: statuses
//            alternating, restart count and back-off growing), so each holds HISTORY_BOUND statuses

type Mode = "map" | "tracker" | "stalled" | "history";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
const mode = process.argv[2] as Mode;
const count = Number(process.argv[3]);
const groups = kindGroups();

const ADDED_LINES = new WeakMap<Variant, string[]>();
const SLOTS = /@@(name|uid|rv)@@/;

/**
 * `{"type":"ADDED","object":…}` for object `n` as first seen, built from its state's line cut at the
 * fields that differ per object: rendering 100k objects one by one would cost more than what is measured.
 */
function addedLine(groups: readonly KindGroup[], n: number, resourceVersion: number): string {
  const instance = instanceAt(groups, n);
  const variant = instance.group.variants[instance.variant] as Variant;
  let parts = ADDED_LINES.get(variant);
  if (!parts) {
    const slots = { ...instance, name: "@@name@@", uid: "@@uid@@" };
    parts = JSON.stringify({ type: "ADDED", object: render(slots, "@@rv@@") }).split(SLOTS);
    ADDED_LINES.set(variant, parts);
  }
  const values: Record<string, string> = {
    name: instance.name,
    uid: instance.uid,
    rv: String(resourceVersion),
  };
  let line = "";
  for (let i = 0; i < parts.length; i++) line += i % 2 === 0 ? parts[i] : values[parts[i] as string];
  return line;
}

function lineOf(n: number): { watch: string; line: string } {
  return { watch: instanceAt(groups, n).group.id, line: addedLine(groups, n, 60_000_000 + n) };
}

const acknowledged: Pick<Sender, "enqueue" | "sendSnapshot"> = {
  enqueue: () => "added",
  sendSnapshot: () => Promise.resolve("completed"),
};

/** An ingest never reached: the request waits until aborted. */
const stalledFetch: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
  });

function build(from: number, to: number): unknown {
  if (mode === "map") {
    const keys = new Map<string, true>();
    for (let n = from; n < to; n++) keys.set(objectKeyIn(JSON.parse(lineOf(n).line).object), true);
    return keys;
  }
  const registry = new Registry();
  const sender =
    mode === "stalled" || mode === "history"
      ? createSender({
          endpoint: "http://ingest.invalid",
          cluster: "b",
          secret: "s",
          version: "b",
          registry,
          fetch: stalledFetch,
        })
      : acknowledged;
  const feed = startWatchFeed(groups, sender, registry);
  for (let n = from; n < to; n++) {
    const { watch, line } = lineOf(n);
    feed.push(watch, line);
  }
  if (mode === "history") for (let n = from; n < to; n++) crashLoop(sender, n);
  return { feed, sender };
}

const BACKOFFS = ["10s", "20s", "40s", "1m20s", "2m40s", "5m0s"];
const T0 = Date.parse("2027-01-15T10:00:00Z");

/** Object `n` changing as a crash-looping pod does, more often than its history holds. */
function crashLoop(sender: Pick<Sender, "enqueue">, n: number): void {
  const instance = instanceAt(groups, n);
  const { apiVersion = "v1", kind = "Pod" } = (instance.group.variants[instance.variant] as Variant).object;
  const namespace = instance.namespace ?? "";
  for (let i = 1; i <= HISTORY_BOUND + 8; i++) {
    const restarts = Math.ceil(i / 2);
    const values = { containers: 1, readyContainers: i % 5 === 0 ? 1 : 0, restarts };
    const backoff = BACKOFFS[Math.min(restarts, BACKOFFS.length) - 1];
    const status: ObjectStatus =
      i % 2 === 0
        ? {
            health: "Degraded",
            kstatus: "Failed",
            phase: "Running",
            message: `back-off ${backoff} restarting failed container=app pod=${instance.name}_${namespace}(${instance.uid})`,
            values,
          }
        : {
            health: "Degraded",
            kstatus: "InProgress",
            phase: "Running",
            message: "Pod is running but is not Ready",
            values,
          };
    sender.enqueue({
      type: "UPSERT",
      // A new identity each time, as the tracker builds one per event.
      object: { apiVersion, kind, namespace, name: instance.name, uid: instance.uid },
      status,
      resourceVersion: String(70_000_000 + n * 64 + i),
      observedAt: new Date(T0 + n + i * 10_000).toISOString(),
    });
  }
}

async function collect(): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 4; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage();
}

// Warm-up on other objects, so compiled code and the kinds' maps are not counted as per-object state.
let held = build(count, count + 2000);
held = undefined;
const before = await collect();
held = build(0, count);
const after = await collect();
console.log(
  JSON.stringify({ mode, count, heapUsed: after.heapUsed - before.heapUsed, rss: after.rss - before.rss }),
);
if (held === undefined) console.log("nothing built");
process.exit(0);
