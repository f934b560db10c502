import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { Counter, type Registry } from "prom-client";
import type { KubeObject } from "../../interpret/kube-object.ts";
import { type Logger, silentLogger } from "../transport/logger.ts";
import { type Scheduler, systemScheduler } from "../transport/scheduler.ts";
import type { Listing } from "../watch/listing.ts";
import { monotonicClock } from "../watch/monotonic-clock.ts";
import { kindKeyOfObject } from "../watch/object-keys.ts";
import type { ObjectTracker } from "../watch/object-tracker.ts";
import { sleep } from "../watch/retry.ts";
import { parseWatchLine } from "./watch-line.ts";

export interface ReplayOptions {
  /** An NDJSON file of watch events (DESIGN.md "CLI": `--replay FILE`). */
  file: string;
  tracker: ObjectTracker;
  /** Events a second once the initial burst is sent; absent: as fast as they can be read. */
  rate?: number;
  /** Start over at the end of the file, until stopped. */
  loop?: boolean;
  log?: Logger;
  /** The relay's registry, to count unusable lines. */
  registry?: Registry;
  scheduler?: Scheduler;
  now?: () => Date;
}

export interface ReplayStats {
  lines: number;
  events: number;
  badLines: number;
  /** Times the whole file was replayed. */
  passes: number;
}

export interface Replay {
  /** Settles once the file is replayed (every pass until stopped, when looping); rejects if it cannot be read. */
  readonly done: Promise<ReplayStats>;
  stats(): ReplayStats;
  stop(): void;
}

/**
 * Feeds a recorded watch stream into the tracker as if a cluster sent it, so the rest of the relay
 * (and `dev`) works with no cluster. The leading ADDED events are the initial state: they go out as
 * one snapshot per kind, as a list would; every later event is observed as a watch event.
 * Resource versions are rewritten to a counter that starts at the current time (in µs), so every
 * pass, and every later run, is newer than the one before and the store takes it.
 */
export function startReplay(options: ReplayOptions): Replay {
  const stopped = new AbortController();
  const stats: ReplayStats = { lines: 0, events: 0, badLines: 0, passes: 0 };
  const now = monotonicClock(options.now);
  const base = BigInt(now().getTime()) * 1000n;
  let sequence = 0n;
  const stamp = (obj: KubeObject) => {
    obj.metadata = { ...obj.metadata, resourceVersion: String(base + ++sequence) };
  };
  const pass = {
    ...options,
    now,
    stamp,
    stats,
    signal: stopped.signal,
    badLine: badLineCounter(options.registry),
  };
  const done = (async () => {
    do {
      await replayOnce(pass);
      if (!stopped.signal.aborted) stats.passes++;
    } while (options.loop && !stopped.signal.aborted);
    return { ...stats };
  })();
  return { done, stats: () => ({ ...stats }), stop: () => stopped.abort() };
}

interface Pass extends ReplayOptions {
  now: () => Date;
  stamp: (obj: KubeObject) => void;
  stats: ReplayStats;
  signal: AbortSignal;
  badLine: Counter | undefined;
}

async function replayOnce(pass: Pass): Promise<void> {
  const { tracker, stats, signal } = pass;
  const log = pass.log ?? silentLogger;
  const lines = createInterface({ input: createReadStream(pass.file), crlfDelay: Number.POSITIVE_INFINITY });
  const listedAt = pass.now();
  let burst: Map<string, Listing> | undefined = new Map();
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      if (signal.aborted) break;
      lineNumber++;
      stats.lines++;
      const parsed = parseWatchLine(line);
      if ("error" in parsed) {
        stats.badLines++;
        pass.badLine?.inc();
        log.warn(`replay: ${pass.file}:${lineNumber}: ${parsed.error}; line skipped`, { line: lineNumber });
        continue;
      }
      for (const { type, object } of parsed.events) {
        pass.stamp(object);
        stats.events++;
        if (burst && type === "ADDED") {
          listingOf(burst, tracker, kindKeyOfObject(object)).add(object);
          continue;
        }
        if (burst) {
          sendBurst(burst, listedAt, log);
          burst = undefined;
        }
        tracker.observe(type, object);
        if (pass.rate) await sleep(1000 / pass.rate, pass.scheduler ?? systemScheduler, signal);
      }
    }
  } finally {
    lines.close();
  }
  if (burst && !signal.aborted) sendBurst(burst, listedAt, log);
}

function listingOf(burst: Map<string, Listing>, tracker: ObjectTracker, kind: string): Listing {
  const existing = burst.get(kind);
  if (existing) return existing;
  const listing = tracker.beginListing(kind);
  burst.set(kind, listing);
  return listing;
}

/** The initial state is complete: one snapshot per kind seen in it. */
function sendBurst(burst: Map<string, Listing>, listedAt: Date, log: Logger): void {
  for (const [kind, listing] of burst) {
    listing.complete(listedAt).then(
      (outcome) => {
        if (outcome !== "completed" && outcome !== "superseded")
          log.warn("replay: snapshot not completed", { kind, outcome });
      },
      (error: unknown) => log.error("replay: snapshot not sent", { kind, error: String(error) }),
    );
  }
}

function badLineCounter(registry: Registry | undefined): Counter | undefined {
  if (!registry) return undefined;
  const name = "status_recorder_relay_replay_bad_lines_total";
  return (
    (registry.getSingleMetric(name) as Counter | undefined) ??
    new Counter({
      name,
      help: "Lines of a replayed watch stream that were skipped as unusable.",
      registers: [registry],
    })
  );
}
