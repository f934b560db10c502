import { describe, expect, test, vi } from "vitest";
import { staleReason } from "../../src/read/cluster-staleness.ts";
import { type IngestServer, startIngestServer } from "../../src/relay/transport/testing/ingest-server.ts";
import { CHURNED_KINDS, ClusterChurn, seededRandom } from "../support/cluster-churn.ts";
import {
  churnFor,
  converged,
  expectConverged,
  expectRecorded,
  report,
  seedOr,
} from "../support/fault-run.ts";
import { useRelayWorld } from "../support/relay-world.ts";

// The fault matrix, clocks: the function's clock apart from the relay's. Within the window (300 s)
// nothing changes; beyond it every request is refused (its signature's timestamp is out of the
// window), nothing is stored wrong, and once the clocks agree again every status arrives.
// FAULT_SEED=<n> replays a failing seed.

const world = useRelayWorld();
const servers: IngestServer[] = [];

/** The ingest on its own port over the world's table, its clock `skew()` ms behind the relay's. */
async function skewedIngest(skew: () => number): Promise<string> {
  const server = await startIngestServer(world.table.store, () => new Date(Date.now() - skew()));
  servers.push(server);
  return server.url;
}

describe("the fault matrix: clocks", () => {
  test("a relay 2 minutes ahead of the function: every status recorded", async () => {
    const seed = seedOr(1801);
    const churn = new ClusterChurn(world.server, seededRandom(seed + 1));
    churn.run(20, ["create"]);
    const endpoint = await skewedIngest(() => 120_000);
    const relay = world.relay({ endpoint: `${endpoint}/` });
    await relay.start();
    await world.watching(CHURNED_KINDS);
    await expectConverged(world, churn, seed);
    const after = Number(world.server.resourceVersion);
    await churnFor(churn, 2_000);
    const judged = await expectRecorded(world, churn, seed, after);
    report("clock-within-window", seed, { skewSeconds: 120, ...judged });
    await relay.stop(); // before its ingest goes, or its last flush waits for it
    await Promise.all(servers.splice(0).map((s) => s.close()));
  }, 60_000);

  test("a relay 10 minutes ahead: refused, nothing stored, the cluster stale; once the clocks agree, every status arrives", async () => {
    const seed = seedOr(1901);
    const churn = new ClusterChurn(world.server, seededRandom(seed + 1));
    churn.run(20, ["create"]);
    let skew = 600_000;
    const endpoint = await skewedIngest(() => skew);
    const relay = world.relay({ endpoint: `${endpoint}/` });
    await relay.start();
    await world.watching(CHURNED_KINDS);
    const after = Number(world.server.resourceVersion);
    await churnFor(churn, 1_500);

    const { store } = world.table;
    expect((await store.listObjects(world.cluster)).items, `seed ${seed}`).toEqual([]);
    const record = await store.getCluster(world.cluster);
    expect(record?.lastSeen, `seed ${seed}`).toBeUndefined();
    expect(record && staleReason(record), `seed ${seed}`).toBe("its relay has never posted");

    skew = 0; // the clock put right (NTP back): the relay's retries now get through
    await vi.waitFor(
      async () => expect((await store.getCluster(world.cluster))?.lastSeen).toBeDefined(),
      converged,
    );
    const judged = await expectRecorded(world, churn, seed, after);
    report("clock-beyond-window", seed, { skewSeconds: 600, ...judged });
    await relay.stop(); // before its ingest goes, or its last flush waits for it
    await Promise.all(servers.splice(0).map((s) => s.close()));
  }, 60_000);
});
