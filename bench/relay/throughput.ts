import { Registry } from "prom-client";
import { createSender } from "../../src/relay/transport/sender.ts";
import { settle } from "../../src/relay/transport/testing/manual-scheduler.ts";
import { withoutManagedFields } from "../../src/relay/watch/managed-fields-cut.ts";
import { ChurnStream, describeChanges, type StreamLine } from "./churn-stream.ts";
import { countsBy, sum } from "./metric-counts.ts";
import { kindGroups } from "./object-population.ts";
import { startWatchFeed, type WatchFeed } from "./watch-feed.ts";

// Watch events per second on one core, from the raw line to the sender's queue: the watch's line
// decoding (stream-lines.ts: managedFields cut, JSON.parse), watch-stream.ts and scope-watch.ts, the
// tracker (interpret, fingerprint, compare), and for each transition the sender's enqueue (validation,
// holding, encoding). The sender's one batch in flight never gets an answer (its fetch waits until
// aborted), so nothing is posted, gzipped or retried while the clock runs: what is timed is the path
// every event takes. Baseline: JSON.parse alone of the same whole lines, in the same run.

export const OBJECTS = 2000;
export const EVENTS = 20_000;
const SECONDS = 4;
const EVENTS_METRIC = "status_recorder_relay_watch_events_total";

/** An ingest that is never reached: the request waits until the sender gives up on it. */
const stalledFetch: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    const signal = init?.signal;
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });

/** Milliseconds on some clock: wall time in the bench; the profile driver can count CPU time instead. */
export type Clock = () => number;
const wallClock: Clock = () => performance.now();

interface Round {
  ms: number;
  outcomes: Record<string, number>;
  queued: number;
}

export async function relayRound(
  groups: ReturnType<typeof kindGroups>,
  initial: readonly StreamLine[],
  churn: readonly StreamLine[],
  { parsed = false, clock = wallClock }: { parsed?: boolean; clock?: Clock } = {},
): Promise<Round> {
  const registry = new Registry();
  const sender = createSender({
    endpoint: "http://ingest.invalid",
    cluster: "bench",
    secret: "bench-s3cret-0123456789",
    version: "bench",
    registry,
    fetch: stalledFetch,
  });
  const feed = startWatchFeed(groups, sender, registry);
  for (const { watch, line } of initial) feed.push(watch, line);
  await settle(); // the sender takes its first batch and waits on the stalled fetch
  const before = await countsBy(registry, EVENTS_METRIC, "outcome");
  const ms = parsed ? pushParsed(feed, churn, clock) : pushLines(feed, churn, clock);
  const after = await countsBy(registry, EVENTS_METRIC, "outcome");
  const outcomes = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]));
  const queued = sender.stats().queued;
  await feed.stop();
  await sender.flush(0);
  return { ms, outcomes, queued };
}

function pushLines(feed: WatchFeed, churn: readonly StreamLine[], clock: Clock): number {
  const start = clock();
  for (const { watch, line } of churn) feed.push(watch, line);
  return clock() - start;
}

const CHUNK = 16;

/**
 * The relay's own share: lines parsed outside the clock, a few at a time so the objects are still in
 * the CPU's cache when the relay reads them, as they are right after JSON.parse (for profiles).
 */
function pushParsed(feed: WatchFeed, churn: readonly StreamLine[], clock: Clock): number {
  let ms = 0;
  for (let from = 0; from < churn.length; from += CHUNK) {
    const chunk = churn
      .slice(from, from + CHUNK)
      .map(({ watch, line }) => ({ watch, data: JSON.parse(withoutManagedFields(line)) }));
    const start = clock();
    for (const { watch, data } of chunk) feed.pushParsed(watch, data);
    ms += clock() - start;
  }
  return ms;
}

export function parseRound(churn: readonly StreamLine[], clock: Clock = wallClock): number {
  let sink = 0;
  const start = clock();
  for (const { line } of churn) sink += (JSON.parse(line) as { type: string }).type.length;
  const ms = clock() - start;
  if (sink < 0) console.log(sink);
  return ms;
}

/**
 * The best time of each run, the runs taking turns for SECONDS (at least 3 rounds each), so a spell
 * of load from other processes slows both alike instead of one of them.
 */
async function bestAlternating(runs: readonly (() => Promise<number> | number)[]): Promise<number[]> {
  for (const run of runs) await run(); // warm-up
  const min = runs.map(() => Number.POSITIVE_INFINITY);
  const until = performance.now() + SECONDS * 1000;
  for (let rounds = 0; rounds < 3 || performance.now() < until; rounds++)
    for (const [i, run] of runs.entries()) min[i] = Math.min(min[i] ?? Number.POSITIVE_INFINITY, await run());
  return min;
}

const share = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;

export async function benchThroughput(): Promise<Record<string, number | string>> {
  const groups = kindGroups();
  const stream = new ChurnStream(groups, OBJECTS);
  const initial = stream.initial();
  const churn = Array.from({ length: EVENTS }, () => stream.next());
  const meanBytes = churn.reduce((n, { line }) => n + line.length, 0) / churn.length;

  let last: Round | undefined;
  const [relayMs = 0, parseMs = 0] = await bestAlternating([
    async () => {
      last = await relayRound(groups, initial, churn);
      return last.ms;
    },
    () => parseRound(churn),
  ]);
  const relayRate = (EVENTS / relayMs) * 1000;
  const parseRate = (EVENTS / parseMs) * 1000;
  const outcomes = last?.outcomes ?? {};
  return {
    "throughput stream": `${EVENTS} watch lines over ${OBJECTS} objects of ${groups.length} kinds`,
    "  changes streamed": describeChanges(stream.counts),
    "  mean line bytes (managedFields included)": Math.round(meanBytes),
    "  outcomes (tracker)": `sent ${share(outcomes.sent ?? 0, EVENTS)}, unchanged ${share(outcomes.unchanged ?? 0, EVENTS)}, deleted ${share(outcomes.deleted ?? 0, EVENTS)}`,
    "  every line reached the tracker": sum(outcomes) === EVENTS ? "yes" : `NO (${sum(outcomes)})`,
    "  objects queued, nothing posted": last?.queued ?? 0,
    "relay events/s (parse → watch → interpret → queue), one core": Math.round(relayRate),
    "baseline: JSON.parse alone of the same lines, lines/s": Math.round(parseRate),
    "relay / JSON.parse": (relayRate / parseRate).toFixed(3),
    "relay µs per event": Math.round((relayMs / EVENTS) * 1000 * 10) / 10,
    "baseline JSON.parse µs per line": Math.round((parseMs / EVENTS) * 1000 * 10) / 10,
    "target ≥ 50k events/s": relayRate >= 50_000 ? "met" : "NOT MET",
  };
}
