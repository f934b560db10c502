import { rawWriteRate, runLoad } from "../test/support/load-run.ts";

// Hundreds of relays posting at once to one `dev` process (its own process, the embedded table in
// it): sustained events/s, request latency, what was shed (429) and lost. Baseline, measured in the
// same run: the items/s dynalite itself takes from 16 concurrent writers, the ceiling of any ingest
// on it; the ratio is how much of it the ingest turns into stored transitions.

export async function benchLoad(): Promise<Record<string, number | string>> {
  const raw = await rawWriteRate();
  const plan = { relays: 200, objectsPerRelay: 10, rounds: 10, roundMs: 500 };
  const load = await runLoad(plan);
  return {
    "relays (objects each × rounds)": `${plan.relays} (${plan.objectsPerRelay} × ${plan.rounds})`,
    "events stored": load.events,
    "events/s sustained": load.eventsPerSecond,
    "baseline: dynalite PutItem/s (16 writers)": raw,
    "ratio to the raw write rate": (load.eventsPerSecond / raw).toFixed(2),
    "requests (of which 429)": `${load.requests} (${load.shed429})`,
    "latency p50 / p99 / max (ms)": `${load.p50Ms} / ${load.p99Ms} / ${load.maxMs}`,
    "timeouts (target 0)": load.timeouts,
    "5xx (target 0)": load.serverErrors,
    "transitions lost (target 0)": load.lost,
    "objects with a wrong final status (target 0)": load.wrongFinal,
  };
}
