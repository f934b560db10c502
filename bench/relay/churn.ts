import { Registry } from "prom-client";
import { groupOf } from "../../src/interpret/kube-object.ts";
import { createSender } from "../../src/relay/transport/sender.ts";
import { createStatusReader } from "../../src/relay/watch/status-reader.ts";
import { ChurnStream, describeChanges } from "./churn-stream.ts";
import { type IngestStack, startIngestStack } from "./ingest-stack.ts";
import { countsBy, sum } from "./metric-counts.ts";
import { kindGroups } from "./object-population.ts";
import { startWatchFeed } from "./watch-feed.ts";

// What leaves the relay and what the table writes, for a cluster's churn: the stream of
// churn-stream.ts (mostly writes that change nothing recorded) arriving at a steady rate through the
// watch path, the tracker and the real sender (default batching) to the real ingest over dynalite.

const OBJECTS = 1000;
const EVENTS = 10_000;
const RATE = 2000; // events/s, in ticks of 20 ms
const TICK_MS = 20;
const CHECKED = 200; // objects whose stored status is compared with what they last streamed
const PREFIX = "status_recorder_relay_";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (await done()) return true;
    await sleep(20);
  }
  return false;
}

/** Whether the table holds, for a sample of objects, the status each last streamed (Missing when deleted). */
async function storedAsStreamed(stack: IngestStack, stream: ChurnStream): Promise<string> {
  const read = createStatusReader({ rules: [], metrics: [] });
  let wrong = 0;
  for (let i = 0; i < CHECKED; i++) {
    const n = i * Math.floor(OBJECTS / CHECKED);
    const instance = stream.instances[n];
    if (!instance) continue;
    const current = stream.current(n);
    const { apiVersion, kind } = instance.group;
    const ref = {
      group: groupOf(apiVersion),
      kind,
      namespace: instance.namespace ?? "",
      name: instance.name,
    };
    const stored = await stack.store.getObject(stack.cluster, ref);
    const expected = current ? read(current).health : "Missing";
    if (stored?.status.health !== expected) wrong++;
  }
  return wrong === 0 ? `yes (${CHECKED} objects checked)` : `NO (${wrong} of ${CHECKED} differ)`;
}

export async function benchChurn(): Promise<Record<string, number | string>> {
  const groups = kindGroups();
  const stream = new ChurnStream(groups, OBJECTS, 7);
  const stack = await startIngestStack();
  const registry = new Registry();
  const sender = createSender({
    endpoint: stack.url,
    cluster: stack.cluster,
    secret: stack.secret,
    version: "bench",
    registry,
  });
  const feed = startWatchFeed(groups, sender, registry);
  try {
    for (const { watch, line } of stream.initial()) feed.push(watch, line);
    const sentMetric = `${PREFIX}events_sent_total`;
    const synced = await waitUntil(
      async () => sum(await countsBy(registry, sentMetric, "mode")) >= OBJECTS,
      30_000,
    );
    if (!synced) throw new Error("the initial objects did not reach the ingest");
    const before = { ...stack.applied };
    const sentBefore = sum(await countsBy(registry, sentMetric, "mode"));
    const outcomesBefore = await countsBy(registry, `${PREFIX}watch_events_total`, "outcome");

    const started = performance.now();
    const perTick = (RATE * TICK_MS) / 1000;
    for (let pushed = 0, tick = 1; pushed < EVENTS; tick++) {
      for (let i = 0; i < perTick && pushed < EVENTS; i++, pushed++) {
        const { watch, line } = stream.next();
        feed.push(watch, line);
      }
      await sleep(started + tick * TICK_MS - performance.now());
    }
    const seconds = (performance.now() - started) / 1000;
    const flushed = await sender.flush(30_000);

    const outcomes = await countsBy(registry, `${PREFIX}watch_events_total`, "outcome");
    const found = (outcomes.sent ?? 0) + (outcomes.deleted ?? 0);
    const foundBefore = (outcomesBefore.sent ?? 0) + (outcomesBefore.deleted ?? 0);
    const transitions = found - foundBefore;
    const posted = sum(await countsBy(registry, sentMetric, "mode")) - sentBefore;
    const written = stack.applied.written - before.written;
    const stale = stack.applied.stale - before.stale;
    const ratio = (a: number, b: number) => (a / Math.max(1, b)).toFixed(3);
    return {
      "churn stream": `${EVENTS} watch events over ${OBJECTS} objects at ${RATE}/s (${seconds.toFixed(1)} s)`,
      "  churn changes streamed": describeChanges(stream.counts),
      "events watched": EVENTS,
      "transitions found by the tracker (UPSERT + DELETE enqueued)": transitions,
      "events posted to the ingest (every status held, 250 ms linger)": posted,
      "records written by the ingest (transitions, tombstones, refreshes)": written,
      "  of posted, stale (not newer than stored)": stale,
      "sent / watched (transitions found)": ratio(transitions, EVENTS),
      "posted / watched (on the wire)": ratio(posted, EVENTS),
      "stored / posted": ratio(written, posted),
      "baseline: a relay forwarding every event, posted / watched": "1.000",
      "everything sent before flush timed out": flushed.complete
        ? "yes"
        : `NO (${flushed.unsentEvents} unsent)`,
      "table holds each object's last streamed health": await storedAsStreamed(stack, stream),
    };
  } finally {
    await feed.stop();
    await sender.flush(1000);
    await stack.close();
  }
}
