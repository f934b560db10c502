import { Registry } from "prom-client";
import { describe, expect, test, vi } from "vitest";
import { metricValue } from "../src/relay/transport/testing/metric-value.ts";
import { CHURNED_KINDS, ClusterChurn, seededRandom } from "./support/cluster-churn.ts";
import { historyProblems, stateMismatches } from "./support/relay-expectations.ts";
import { fastElection, useRelayWorld } from "./support/relay-world.ts";

// The relay put together, against the test API server and the real ingest on a real port over the
// embedded table: what the store ends up holding must be what the cluster holds, whatever happened
// on the way. Each test seeds its own random, printed on failure, so a failing run can be replayed.

const world = useRelayWorld();
const converged = { timeout: 30_000, interval: 250 };

async function expectConverged(churn: ClusterChurn): Promise<void> {
  await vi.waitFor(
    async () => expect(await stateMismatches(world.table.store, world.cluster, churn.expected())).toEqual([]),
    converged,
  );
}

const relists = (registry: Registry, kind: string, reason: string) =>
  metricValue(registry, "status_recorder_relay_relists_total", { kind, reason });

describe("a relay between a changing cluster and the store", () => {
  test("after thousands of changes, dropped watches, an expired history and a restart, the store holds the " +
    "cluster's state and each transition once", async () => {
    const seed = 20_251_122;
    const churn = new ClusterChurn(world.server, seededRandom(seed));
    churn.run(120, ["create"]);
    const registry = new Registry();
    const first = world.relay({ registry });
    await first.start();
    await world.watching(CHURNED_KINDS);

    await churn.runPaced(500);
    world.server.dropWatches();
    await churn.runPaced(400);
    await world.watching(CHURNED_KINDS);
    // Watches cut, then the history they would resume from forgotten: they get 410 and list again.
    // Nothing yields between the cut and the compaction, so no watch can resume in between.
    world.server.dropWatches();
    churn.run(100);
    world.server.expireHistory();
    await churn.runPaced(400);
    await vi.waitFor(async () => {
      expect(await relists(registry, "apps/Deployment", "expired")).toBe(1);
      expect(await relists(registry, "Pod", "expired")).toBe(1);
    }, converged);
    await first.stop();
    // Changes and deletes nobody watches: the next relay's lists must find them.
    churn.run(300);
    const second = world.relay();
    await second.start();
    await churn.runPaced(400);

    expect(churn.changes, `seed ${seed}`).toBeGreaterThanOrEqual(2000);
    await expectConverged(churn);
    expect(
      await historyProblems(world.table.store, world.cluster, churn, new Date()),
      `seed ${seed}`,
    ).toEqual([]);
  }, 120_000);

  test("deletes made while the relay was stopped are tombstoned once it is back", async () => {
    const churn = new ClusterChurn(world.server, seededRandom(7));
    churn.run(12, ["create"]);
    const first = world.relay();
    await first.start();
    await expectConverged(churn);
    await first.stop();

    const deleted = churn.live().slice(0, 4);
    for (const object of deleted) churn.delete(object);
    await world.relay().start();

    await expectConverged(churn);
    for (const object of deleted) {
      const stored = await world.table.store.getObject(world.cluster, {
        group: object.key.split("#")[0] ?? "",
        kind: object.kind.kind,
        namespace: object.namespace,
        name: object.name,
      });
      expect(stored?.status.health).toBe("Missing");
      expect(stored?.tombstonedBy).toBeDefined();
    }
  });

  test("an ingest down for a while gets every final status once it is back, from a queue holding each object's statuses, bounded", async () => {
    const churn = new ClusterChurn(world.server, seededRandom(99));
    churn.run(60, ["create"]);
    const proxy = await world.frontProxy();
    const registry = new Registry();
    const relay = world.relay({ endpoint: `${proxy.url}/`, registry });
    await relay.start();
    await expectConverged(churn);
    // Watching before the outage, so its changes reach the relay while the ingest is down.
    await world.watching(CHURNED_KINDS);
    let deepest = 0;
    let deepestEvents = 0;
    const sampler = setInterval(() => {
      deepest = Math.max(deepest, relay.status().sender?.queued ?? 0);
      deepestEvents = Math.max(deepestEvents, relay.status().sender?.queuedEvents ?? 0);
    }, 2);

    await proxy.setMode("unavailable");
    const before = churn.changes;
    await churn.runPaced(600, 50, 20);
    await proxy.setMode("refuse");
    await churn.runPaced(300, 50, 20);
    const whileDown = churn.changes - before;
    await proxy.setMode("pass");

    await expectConverged(churn);
    clearInterval(sampler);
    expect(proxy.batchesFailed).toBeGreaterThan(0);
    expect(deepest).toBeGreaterThan(0);
    expect(deepest).toBeLessThanOrEqual(churn.objects.size);
    expect(whileDown).toBeGreaterThan(churn.objects.size * 3);
    // More statuses held than objects: each object's changes while the ingest was down, not only its last.
    expect(deepestEvents).toBeGreaterThan(deepest);
    expect(deepestEvents).toBeLessThanOrEqual(churn.objects.size * 32);
    expect(
      await metricValue(registry, "status_recorder_relay_dropped_events_total", { reason: "poison" }),
    ).toBe(0);
  });

  test("of two relays electing a leader only the leader sends, and the other takes over when it stops", async () => {
    const churn = new ClusterChurn(world.server, seededRandom(3));
    churn.run(40, ["create"]);
    const [frontA, frontB] = [await world.frontProxy(), await world.frontProxy()];
    const a = world.relay({ endpoint: frontA.url, leaderElection: fastElection("relay-a") });
    await a.start();
    await vi.waitFor(() => expect(a.status().leading).toBe(true), converged);
    const b = world.relay({ endpoint: frontB.url, leaderElection: fastElection("relay-b") });
    await b.start();

    await churn.runPaced(300);
    await expectConverged(churn);
    expect(b.status()).toMatchObject({ leading: false, leader: "relay-a" });
    expect(frontA.batchesPassed).toBeGreaterThan(0);
    expect(frontB.batchesPassed).toBe(0);

    await a.stop();
    const sentByA = frontA.batchesPassed;
    await vi.waitFor(() => expect(b.status().leading).toBe(true), converged);
    await churn.runPaced(300);

    await expectConverged(churn);
    expect(frontB.batchesPassed).toBeGreaterThan(0);
    expect(frontA.batchesPassed).toBe(sentByA);
  });
});
