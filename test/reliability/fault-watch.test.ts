import { Registry } from "prom-client";
import { describe, expect, test, vi } from "vitest";
import { metricValue } from "../../src/relay/transport/testing/metric-value.ts";
import { CHURNED_KINDS, ClusterChurn, seededRandom } from "../support/cluster-churn.ts";
import {
  between,
  churnFor,
  converged,
  expectConverged,
  expectRecorded,
  report,
  seedOr,
} from "../support/fault-run.ts";
import { storedObjects } from "../support/relay-expectations.ts";
import { useRelayWorld } from "../support/relay-world.ts";

// The fault matrix, cluster side: watch streams cut and their history expired (410 Gone) on a seeded
// schedule, and objects deleted while no relay runs. A relay that lists again cannot see what changed
// in between, so what is judged is the final state and a history with each transition once and
// nothing invented. FAULT_SEED=<n> replays a failing seed.

const world = useRelayWorld();

async function expiredRelists(registry: Registry): Promise<number> {
  let total = 0;
  for (const kind of ["apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet", "Pod"])
    total += await metricValue(registry, "status_recorder_relay_relists_total", { kind, reason: "expired" });
  return total;
}

describe("the fault matrix: watches and restarts", () => {
  test("watch streams cut and expired (410 Gone) on a seeded schedule end in the cluster's state", async () => {
    const seed = seedOr(1401);
    const random = seededRandom(seed);
    const churn = new ClusterChurn(world.server, seededRandom(seed + 1));
    churn.run(25, ["create"]);
    const registry = new Registry();
    await world.relay({ registry }).start();
    await world.watching(CHURNED_KINDS);

    const faults = { drops: 0, expiries: 0 };
    for (let i = 0; i < 8; i++) {
      await churnFor(churn, between(random, 100, 600));
      await world.watching(CHURNED_KINDS);
      world.server.dropWatches();
      if (random() < 0.4) {
        // Nothing yields between the cut and the compaction, so no watch resumes in between: 410.
        churn.run(between(random, 5, 40));
        world.server.expireHistory();
        faults.expiries++;
      } else faults.drops++;
    }
    await churnFor(churn, 300);

    const judged = await expectRecorded(world, churn, seed);
    await vi.waitFor(
      async () =>
        expect(await expiredRelists(registry), `seed ${seed}`).toBeGreaterThanOrEqual(faults.expiries),
      converged,
    );
    report("watch-cuts-410", seed, { ...faults, expiredRelists: await expiredRelists(registry), ...judged });
  }, 60_000);

  test("deletes and creates while the relay is stopped are tombstoned, nothing invented", async () => {
    const seed = seedOr(1501);
    const random = seededRandom(seed);
    const churn = new ClusterChurn(world.server, seededRandom(seed + 1));
    churn.run(25, ["create"]);
    let tombstonesChecked = 0;
    let deletedWhileStopped = 0;
    let relay = world.relay();
    await relay.start();
    for (let round = 0; round < 3; round++) {
      await churnFor(churn, between(random, 200, 600));
      await expectConverged(world, churn, seed);
      await relay.stop();

      const stored = await storedObjects(world.table.store, world.cluster);
      const before = new Set(churn.live().map((o) => o.key));
      churn.run(between(random, 20, 60), ["create", "delete", "status"]);
      const deleted = [...before].filter((key) => !churn.objects.get(key)?.live && stored.has(key));
      deletedWhileStopped += deleted.length;
      relay = world.relay();
      await relay.start();
      await expectConverged(world, churn, seed);
      const now = await storedObjects(world.table.store, world.cluster);
      for (const key of deleted) {
        expect(now.get(key)?.status.health, `seed ${seed}: ${key}`).toBe("Missing");
        expect(now.get(key)?.tombstonedBy, `seed ${seed}: ${key} tombstoned by a snapshot`).toBeDefined();
        tombstonesChecked++;
      }
    }

    const judged = await expectRecorded(world, churn, seed);
    expect(deletedWhileStopped, `seed ${seed}`).toBeGreaterThan(0);
    report("deletes-while-stopped", seed, { rounds: 3, deletedWhileStopped, tombstonesChecked, ...judged });
  }, 60_000);
});
