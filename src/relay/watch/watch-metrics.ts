import { Counter, Gauge, type Registry } from "prom-client";
import type { KindState, KindStateName } from "./kind-state.ts";
import type { Observed } from "./object-tracker.ts";

const PREFIX = "status_recorder_relay_";

/** Why a kind was listed again after its first list. */
export type RelistReason = "expired" | "snapshot_rejected" | "config" | "error";

export type WatchMetrics = ReturnType<typeof createWatchMetrics>;

/**
 * The watch side's families, in the relay's registry. Asking twice for the same registry gives the
 * same families, so a relay that rebuilds its watch set does not register them again.
 */
export interface WatchProbes {
  trackedObjects(): number;
  states(): readonly KindState[];
}

/** One kind's events by outcome, counted since the counter last read them. */
export type EventTally = Record<Observed, number>;

const OUTCOMES: readonly Observed[] = ["sent", "unchanged", "deleted", "ignored"];

// Tallies by kind, for each registry's events counter (shared by every watch set on that registry).
const talliesOf = new WeakMap<Counter<"kind" | "outcome">, Map<string, EventTally>>();

const STATES: readonly KindStateName[] = [
  "starting",
  "listing",
  "watching",
  "backoff",
  "forbidden",
  "not-installed",
];

export function createWatchMetrics(registry: Registry, probes: WatchProbes) {
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    (registry.getSingleMetric(PREFIX + name) as Counter<L> | undefined) ??
    new Counter({ name: PREFIX + name, help, labelNames, registers });
  if (!registry.getSingleMetric(`${PREFIX}tracked_objects`)) {
    new Gauge({
      name: `${PREFIX}tracked_objects`,
      help: "Objects whose status the relay tracks.",
      registers,
      collect() {
        this.set(probes.trackedObjects());
      },
    });
    new Gauge({
      name: `${PREFIX}watch_kind_state`,
      help: "Each watched kind's state: 1 for the state it is in, 0 for the others.",
      labelNames: ["kind", "state"] as const,
      registers,
      collect() {
        this.reset();
        for (const { kind, state } of probes.states())
          for (const s of STATES) this.set({ kind, state: s }, s === state ? 1 : 0);
      },
    });
    new Gauge({
      name: `${PREFIX}watch_failing_since_timestamp_seconds`,
      help: "Each kind whose watch is failing (backoff, forbidden): since when, by state and the failing request's HTTP status (or network); /readyz gives the error.",
      labelNames: ["kind", "state", "code"] as const,
      registers,
      collect() {
        this.reset();
        for (const { kind, state, failingSince, failingCode } of probes.states()) {
          if ((state !== "backoff" && state !== "forbidden") || !failingSince) continue;
          this.set({ kind, state, code: failingCode ?? "network" }, Date.parse(failingSince) / 1000);
        }
      },
    });
  }
  return {
    watchRestarts: counter(
      "watch_restarts_total",
      "Watches resumed from their last resourceVersion: server timeout, idle stream, dropped connection or error.",
      ["kind"] as const,
    ),
    relists: counter(
      "relists_total",
      "Lists of a kind after its first: history expired (410), snapshot rejected, config change, or error.",
      ["kind", "reason"] as const,
    ),
    events: eventCounter(registry),
  };
}

/**
 * Watch events are counted in plain numbers, one tally per kind, and added to the prom-client
 * counter when it is read: a labelled inc hashes its labels, and cost more per event than the
 * rest of scope-watch's share of it.
 */
function eventCounter(registry: Registry) {
  const name = `${PREFIX}watch_events_total`;
  const existing = registry.getSingleMetric(name) as Counter<"kind" | "outcome"> | undefined;
  const counter =
    existing ??
    new Counter({
      name,
      help: "Object events seen, by outcome: sent (a transition), unchanged (no transition), deleted.",
      labelNames: ["kind", "outcome"] as const,
      registers: [registry],
      collect() {
        for (const [kind, tally] of talliesOf.get(this) ?? []) {
          for (const outcome of OUTCOMES) {
            if (tally[outcome] === 0) continue;
            this.inc({ kind, outcome }, tally[outcome]);
            tally[outcome] = 0;
          }
        }
      },
    });
  const tallies = talliesOf.get(counter) ?? new Map<string, EventTally>();
  talliesOf.set(counter, tallies);
  return {
    /** The tally `kind`'s events are counted in: `tally[outcome]++` per event. */
    of(kind: string): EventTally {
      let tally = tallies.get(kind);
      if (!tally) {
        tally = { sent: 0, unchanged: 0, deleted: 0, ignored: 0 };
        tallies.set(kind, tally);
      }
      return tally;
    },
  };
}
