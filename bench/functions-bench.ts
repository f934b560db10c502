import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleFunctions, importMillis } from "../infra/testing/bundles.ts";
import { startEmbeddedDynamo } from "../src/store/embedded.ts";

// Cold init of each Lambda bundle: the time a fresh Node process takes to import the bundle CDK built
// (module evaluation, SDK client and store construction, and what the entry awaits: the ingest's sealing
// key, here from the environment, so nothing is fetched from AWS; the read function awaits nothing and
// reads the fleet config on its first request). The target is 100 ms per function. Baselines, measured in
// the same run: importing the DynamoDB client alone from node_modules, as an unbundled function would load
// the runtime's SDK; and importing node:http, which the SDK does on its first request to a local table
// (plain http): in Node 22 that import also loads undici, a cost a first request pays here but not on AWS,
// where the table is reached over https (whose module the bundle loads anyway).

const RUNS = 7;
const TARGET_MS = 100;

const round = (ms: number) => Math.round(ms * 10) / 10;

const SDK_ENTRY = fileURLToPath(
  new URL("../node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js", import.meta.url),
);

async function coldInit(
  file: string,
  env: Record<string, string>,
  handler = true,
): Promise<{ min: number; median: number }> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await importMillis(file, { handler, env }));
  times.sort((a, b) => a - b);
  return { min: round(times[0] ?? Number.NaN), median: round(times[Math.floor(RUNS / 2)] ?? Number.NaN) };
}

/** Returns the figures bench/run.ts prints; takes about 15 s (one CDK synthesis, 7 imports per bundle). */
export async function benchFunctions(): Promise<Record<string, number | string>> {
  const { bundles, cleanup } = bundleFunctions();
  const db = await startEmbeddedDynamo({ memory: true });
  const env = { TABLE_NAME: db.tableName, DYNAMODB_ENDPOINT: db.endpoint };
  try {
    const rows: Record<string, number | string> = {};
    for (const bundle of bundles) {
      const label = bundle.name;
      const { min, median } = await coldInit(bundle.file, env);
      rows[`${label} bundle KB`] = Math.round(bundle.bytes / 1024);
      rows[`${label} cold init ms, best of ${RUNS}`] = min;
      rows[`${label} cold init ms, median`] = median;
    }
    const sdk = await coldInit(SDK_ENTRY, env, false);
    rows[`baseline: @aws-sdk/client-dynamodb from node_modules, ms, best of ${RUNS}`] = sdk.min;
    const http = await coldInit("node:http", env, false);
    rows[`baseline: import node:http (local table only), ms, best of ${RUNS}`] = http.min;
    rows["target cold init ms"] = TARGET_MS;
    return rows;
  } finally {
    await db.close();
    cleanup();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchFunctions(), null, 2));
}
