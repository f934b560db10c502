import { benchFunctions } from "./functions-bench.ts";
import { benchHeartbeat } from "./heartbeat-bench.ts";
import { benchHistory } from "./history-bench.ts";
import { benchInterpret } from "./interpret-bench.ts";
import { benchLoad } from "./load-bench.ts";
import { benchMetrics } from "./metrics-bench.ts";
import { benchRead } from "./read-bench.ts";
import { benchRelay } from "./relay-bench.ts";
import { benchStore } from "./store-bench.ts";

// Each section prints its figures with the baseline it measured in the same run, so numbers from different
// machines compare as ratios. `npm run bench -- interpret` runs one section.
const sections: Record<string, () => Promise<Record<string, number | string>>> = {
  interpret: benchInterpret,
  ingest: benchStore,
  metrics: benchMetrics,
  read: benchRead,
  functions: benchFunctions,
  relay: benchRelay,
  heartbeat: benchHeartbeat,
  history: benchHistory,
  load: benchLoad,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const rows = await run();
  console.log(`\n## ${name}`);
  const width = Math.max(...Object.keys(rows).map((k) => k.length));
  for (const [key, value] of Object.entries(rows)) console.log(`  ${key.padEnd(width)}  ${value}`);
}
