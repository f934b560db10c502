import { describe, expect, test } from "vitest";
import { CHURNED_KINDS, ClusterChurn, seededRandom } from "../support/cluster-churn.ts";
import { between, churnFor, expectConverged, expectRecorded, report, seedOr } from "../support/fault-run.ts";
import { useRelayWorld } from "../support/relay-world.ts";

// The fault matrix, ingest side: the ingest unreachable for seeded stretches, or answering a seeded
// fraction of requests with 500, 503 or 429. The relay's watches see every change, so besides the
// final state and a clean history, every status the cluster went through must reach history (or a
// gap record must account for it). FAULT_SEED=<n> replays a failing seed.

const world = useRelayWorld();

describe("the fault matrix: the ingest", () => {
  test("unreachable for seeded stretches, answering 503 or refusing connections, loses no status", async () => {
    const seed = seedOr(1101);
    const random = seededRandom(seed);
    const churn = new ClusterChurn(world.server, seededRandom(seed + 1));
    churn.run(25, ["create"]);
    const proxy = await world.frontProxy();
    await world.relay({ endpoint: `${proxy.url}/` }).start();
    await world.watching(CHURNED_KINDS);
    await expectConverged(world, churn, seed);
    const after = Number(world.server.resourceVersion);

    const outages: string[] = [];
    let changedWhileDown = 0;
    for (let i = 0; i < 3; i++) {
      const mode = random() < 0.5 ? "unavailable" : "refuse";
      const ms = between(random, 800, 1_800);
      await proxy.setMode(mode);
      changedWhileDown += await churnFor(churn, ms);
      await proxy.setMode("pass");
      outages.push(`${mode} ${ms}ms`);
      await churnFor(churn, between(random, 100, 500));
    }

    const judged = await expectRecorded(world, churn, seed, after);
    expect(changedWhileDown, `seed ${seed}`).toBeGreaterThan(100);
    report("ingest-unreachable", seed, {
      outages,
      changedWhileDown,
      batchesFailed: proxy.batchesFailed,
      ...judged,
    });
  }, 60_000);

  test("answering a seeded fraction of requests with 500, 503 and 429 (Retry-After) loses no status", async () => {
    const seed = seedOr(1201);
    const churn = new ClusterChurn(world.server, seededRandom(seed + 1));
    churn.run(25, ["create"]);
    const proxy = await world.frontProxy();
    await world.relay({ endpoint: `${proxy.url}/` }).start();
    await world.watching(CHURNED_KINDS);
    await expectConverged(world, churn, seed);
    const after = Number(world.server.resourceVersion);

    await proxy.setFlaky({ random: seededRandom(seed), fraction: 0.35 });
    await churnFor(churn, 4_000);
    // Still flaky while the relay catches up: every batch gets there through the same faults.
    const judged = await expectRecorded(world, churn, seed, after);
    const injected = { ...proxy.injected };
    expect(Object.keys(injected).sort(), `seed ${seed}`).toEqual(["429", "500", "503"]);
    // The ingest itself answered nothing 5xx: every failure was the proxy's.
    const upstream = { ...proxy.upstreamReplies };
    expect(
      Object.keys(upstream).filter((code) => Number(code) >= 500),
      `seed ${seed}: ${JSON.stringify(upstream)}`,
    ).toEqual([]);
    report("ingest-5xx-429", seed, { injected, upstream, ...judged });
  }, 60_000);
});
