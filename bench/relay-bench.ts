import { pathToFileURL } from "node:url";
import { benchChurn } from "./relay/churn.ts";
import { benchLatency } from "./relay/latency.ts";
import { benchMemory } from "./relay/memory.ts";
import { benchThroughput } from "./relay/throughput.ts";

// The relay against the targets (≥ 50k events/s, ≤ 1 KiB per object, p99 ≤ 1 s), each
// figure beside a baseline measured in the same run. Objects are the fixture corpus's real shapes
// (test/fixtures/objects) with managedFields, as watch events carry them. Parts 1-3 drive the relay's
// own watch path (watch-stream, scope-watch) with raw lines (bench/relay/watch-feed.ts); part 4 runs
// the whole relay (createRelay) against the test API server.

const PARTS: readonly [string, () => Promise<Record<string, number | string>>][] = [
  ["1. throughput: raw watch line → tracker → sender's queue, one core, nothing posted", benchThroughput],
  ["2. resident memory per tracked object, 100k objects, a process each", benchMemory],
  ["3. churn: events sent and stored per event watched, real sender and ingest", benchChurn],
  ["4. end to end: API server write → readable in the table", benchLatency],
];

/** Returns the figures bench/run.ts prints; about 60 s (a third of it building 100k objects, three times). */
export async function benchRelay(): Promise<Record<string, number | string>> {
  const rows: Record<string, number | string> = {};
  for (const [title, run] of PARTS) {
    rows[title] = "";
    Object.assign(rows, await run());
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchRelay(), null, 2));
}
