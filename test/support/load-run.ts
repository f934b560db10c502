import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { ObjectStatus } from "../../src/model/object-status.ts";
import { createSender } from "../../src/relay/transport/sender.ts";
import { startEmbeddedDynamo } from "../../src/store/embedded.ts";
import { DEGRADED, HEALTHY, PROGRESSING, upsert } from "../../src/store/testing/wire-events.ts";

// Many relays against one `dev` process, as a fleet would post to it: each a real sender (its
// batching, retries, Retry-After and backoff) for its own cluster, each object changing every round.
// The dev process runs apart, so the load's own work does not slow the server it measures.

const BIN = fileURLToPath(new URL("../../bin/status-recorder.js", import.meta.url));
const STATUSES: ObjectStatus[] = [PROGRESSING, DEGRADED, HEALTHY];

export interface LoadPlan {
  relays: number;
  objectsPerRelay: number;
  rounds: number;
  /** Between one round of changes and the next, per relay. */
  roundMs: number;
}

export interface LoadFigures {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  shed429: number;
  serverErrors: number;
  timeouts: number;
  /** Transitions sent that history does not hold, over every object. */
  lost: number;
  /** Objects whose stored status is not their last one. */
  wrongFinal: number;
}

interface Dev {
  url: string;
  child: ChildProcess;
}

const secretOf = (cluster: string) => `load-secret-${cluster}-0123456789`;

async function startDevProcess(clusters: readonly string[]): Promise<Dev> {
  const args = [BIN, "dev", "--memory", "--port", "0", "--no-auth"];
  for (const cluster of clusters) args.push("--cluster-secret", `${cluster}=${secretOf(cluster)}`);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stderr?.on("data", (chunk) => {
    out += String(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      out += String(chunk);
      const found = out.match(/listening on (http:\/\/\S+)\n/)?.[1];
      if (found) resolve(found);
    });
    child.once("exit", (code) => reject(new Error(`dev exited with ${code}: ${out.slice(-2000)}`)));
  });
  return { url, child };
}

/** Runs the plan; every relay flushes what it queued before the figures are read back. */
export async function runLoad(plan: LoadPlan): Promise<LoadFigures> {
  const clusters = Array.from({ length: plan.relays }, (_, i) => `load-${i}`);
  const dev = await startDevProcess(clusters);
  const latencies: number[] = [];
  const counts = { shed429: 0, serverErrors: 0, timeouts: 0 };
  const timed: typeof fetch = async (input, init) => {
    const started = performance.now();
    try {
      const response = await fetch(input, init);
      latencies.push(performance.now() - started);
      if (response.status === 429) counts.shed429++;
      else if (response.status >= 500) counts.serverErrors++;
      return response;
    } catch (error) {
      if ((error as Error).name === "TimeoutError" || (error as Error).name === "AbortError")
        counts.timeouts++;
      throw error;
    }
  };
  try {
    const started = performance.now();
    await Promise.all(clusters.map((cluster) => runRelay(cluster, dev.url, plan, timed)));
    const seconds = (performance.now() - started) / 1000;
    const events = plan.relays * plan.objectsPerRelay * plan.rounds;
    const checked = await checkStored(dev.url, clusters, plan);
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
    return {
      events,
      seconds,
      eventsPerSecond: Math.round(events / seconds),
      requests: latencies.length,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: Math.round(latencies[latencies.length - 1] ?? 0),
      ...counts,
      ...checked,
    };
  } finally {
    dev.child.kill("SIGTERM");
    await once(dev.child, "exit");
  }
}

async function runRelay(cluster: string, endpoint: string, plan: LoadPlan, fetch: typeof globalThis.fetch) {
  const sender = createSender({
    endpoint,
    cluster,
    secret: secretOf(cluster),
    version: "load",
    fetch,
    backoff: { baseMs: 200, capMs: 5_000 },
  });
  // Relays do not start in step: spread their first round over one round.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * plan.roundMs));
  for (let round = 0; round < plan.rounds; round++) {
    for (let i = 0; i < plan.objectsPerRelay; i++) {
      const rv = round * plan.objectsPerRelay + i + 1;
      // Observed now: history older than its retention would read as expired.
      const observedAt = new Date().toISOString();
      sender.enqueue(upsert(`obj-${i}`, rv, STATUSES[round % 3] as ObjectStatus, { observedAt }));
    }
    await new Promise((resolve) => setTimeout(resolve, plan.roundMs));
  }
  const flushed = await sender.flush(120_000);
  if (!flushed.complete) throw new Error(`${cluster}: ${flushed.unsentEvents} changes unsent`);
}

async function checkStored(url: string, clusters: readonly string[], plan: LoadPlan) {
  let lost = 0;
  let wrongFinal = 0;
  const last = STATUSES[(plan.rounds - 1) % 3]?.health;
  for (const cluster of clusters) {
    const objects = (await (await fetch(`${url}/v1/clusters/${cluster}/objects?limit=500`)).json()) as {
      items: { name: string; status: { health: string } }[];
    };
    wrongFinal += plan.objectsPerRelay - objects.items.filter((o) => o.status.health === last).length;
    for (let i = 0; i < plan.objectsPerRelay; i++) {
      const query = `group=apps&kind=Deployment&namespace=default&name=obj-${i}&limit=500`;
      const history = (await (await fetch(`${url}/v1/clusters/${cluster}/history?${query}`)).json()) as {
        items: { cause: string }[];
      };
      lost += plan.rounds - history.items.filter((t) => t.cause === "event").length;
    }
  }
  return { lost, wrongFinal };
}

/** Items a second that dynalite itself takes from `concurrency` writers: the ceiling any ingest on it has. */
export async function rawWriteRate(concurrency = 16, seconds = 3): Promise<number> {
  const table = await startEmbeddedDynamo({ memory: true, tableName: "raw-rate" });
  let written = 0;
  const until = performance.now() + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, writer) => {
        for (let n = 0; performance.now() < until; n++) {
          await table.client.send(
            new PutItemCommand({
              TableName: table.tableName,
              Item: { pk: { S: `c#${writer}` }, sk: { S: `o#${n}` }, health: { S: "Healthy" } },
            }),
          );
          written++;
        }
      }),
    );
  } finally {
    await table.close();
  }
  return Math.round(written / seconds);
}
