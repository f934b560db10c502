import type { KubeObject } from "../../src/interpret/kube-object.ts";
import { createRelay } from "../../src/relay/relay.ts";
import { DEFAULT_LIMITS } from "../../src/relay/transport/batcher.ts";
import { silentLogger } from "../../src/relay/transport/logger.ts";
import { createStatusReader } from "../../src/relay/watch/status-reader.ts";
import { loadFixture } from "../../test/support/fixtures.ts";
import { KubeApiServer, kubeconfigFor } from "../../test/support/kube-api-server/index.ts";
import { type IngestStack, startIngestStack } from "./ingest-stack.ts";

// Watch event → readable from the table, end to end on one machine: the test API server, the whole
// relay (createRelay: its config pulled from the ingest, watches, tracker, sender with default
// batching), the ingest app on a real port, dynalite. Status changes are made at a steady rate; each is timed from the API server's write
// to the moment the ingest's applyBatch has it in the table. Baseline: the linger alone.

const DEPLOYMENTS = 40;
const CHANGES = 300;
const RATE = 30; // status changes per second
const NAMESPACE = "shop";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

interface State {
  status: unknown;
  health: string;
}

/** The two states changes alternate between, each with the health it reads as (they must differ). */
function states(generation: number): [State, State] {
  const read = createStatusReader({ rules: [], metrics: [] });
  const available = loadFixture("deployment/available.yaml");
  const rolling = loadFixture("deployment/rolling-update-in-progress.yaml");
  const [a, b] = [available, rolling].map((fixture) => {
    const status = { ...(fixture.status as object), observedGeneration: generation };
    return { status, health: read({ ...available, status } as KubeObject).health };
  }) as [State, State];
  if (a.health === b.health) throw new Error(`both states read as ${a.health}: no transition to time`);
  return [a, b];
}

/** Whether getObject reads every Deployment in the state it was last put in. */
async function readable(stack: IngestStack, last: readonly State[]): Promise<string> {
  let wrong = 0;
  for (const [i, state] of last.entries()) {
    const stored = await stack.store.getObject(stack.cluster, refOf(`web-${i}`));
    if (stored?.status.health !== state.health) wrong++;
  }
  return wrong === 0 ? `yes (all ${last.length})` : `NO (${wrong} of ${last.length} differ)`;
}

export async function benchLatency(): Promise<Record<string, number | string>> {
  const stack = await startIngestStack();
  const server = await KubeApiServer.start({ bookmarkIntervalMs: 0, historySize: 10_000 });
  // The relay's config, as `status-recorder config apply --cluster` stores it: watch Deployments only.
  const config = { watch: [{ apiVersion: "apps/v1", kind: "Deployment" }] };
  await stack.store.putConfig({ cluster: stack.cluster }, JSON.stringify(config), config, new Date());
  const relay = createRelay({
    endpoint: stack.url,
    cluster: stack.cluster,
    secret: stack.secret,
    kubeConfig: kubeconfigFor(server),
    leaderElection: false,
    probePort: false,
    logger: silentLogger,
    version: "bench",
  });
  try {
    const template = loadFixture("deployment/available.yaml");
    const refs = Array.from({ length: DEPLOYMENTS }, (_, i) => {
      const metadata = { ...template.metadata, name: `web-${i}`, namespace: NAMESPACE };
      const created = server.apply({ ...template, metadata });
      return { apiVersion: "apps/v1", kind: "Deployment", namespace: NAMESPACE, name: `web-${i}`, created };
    });
    const generation = refs[0]?.created.metadata?.generation ?? 1;
    const [healthy, progressing] = states(generation);
    for (const ref of refs) server.updateStatus(ref, healthy.status);

    const written = new Map<string, number>();
    const arrived = new Map<string, number>();
    stack.onApplied = (batch, _result, at) => {
      for (const event of batch.events) {
        const key = `${event.object.name}@${event.resourceVersion}`;
        if (written.has(key) && !arrived.has(key)) arrived.set(key, at);
      }
    };
    await relay.start();
    await server.waitForWatches(1);
    const listed = async () => await stack.store.getObject(stack.cluster, refOf(`web-${DEPLOYMENTS - 1}`));
    for (let i = 0; i < 200 && !(await listed()); i++) await sleep(50);

    const started = performance.now();
    const last: State[] = refs.map(() => healthy);
    for (let k = 0; k < CHANGES; k++) {
      await sleep(started + (k * 1000) / RATE - performance.now());
      const i = k % DEPLOYMENTS;
      const next = last[i] === healthy ? progressing : healthy;
      last[i] = next;
      const before = performance.now();
      const updated = server.updateStatus(refs[i] as (typeof refs)[number], next.status);
      written.set(`web-${i}@${updated.metadata?.resourceVersion}`, before);
    }
    for (let i = 0; i < 100 && arrived.size < CHANGES; i++) await sleep(50);

    const latencies = [...arrived].map(([key, at]) => at - (written.get(key) ?? at)).sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const linger = DEFAULT_LIMITS.lingerMs;
    const ms = (x: number) => Math.round(x);
    return {
      "latency: status changes": `${CHANGES} at ${RATE}/s over ${DEPLOYMENTS} Deployments`,
      "  relay watching": relay
        .status()
        .watches.map((w) => w.kind)
        .join(", "),
      "  arrived in the table":
        arrived.size === CHANGES ? `all ${CHANGES}` : `NO: ${arrived.size} of ${CHANGES}`,
      "  getObject reads each Deployment's last state": await readable(stack, last),
      "watch event → in the table, p50 ms": ms(p50),
      "watch event → in the table, p99 ms": ms(p99),
      "watch event → in the table, max ms": ms(latencies.at(-1) ?? Number.NaN),
      "baseline: linger (default batching) ms": linger,
      "p50 / linger": (p50 / linger).toFixed(2),
      "p99 / linger": (p99 / linger).toFixed(2),
      "target p99 ≤ 1 s": p99 <= 1000 && arrived.size === CHANGES ? "met" : "NOT MET",
    };
  } finally {
    await relay.stop();
    await server.close();
    await stack.close();
  }
}

function refOf(name: string) {
  return { group: "apps", kind: "Deployment", namespace: NAMESPACE, name };
}
