import { describe, expect, test, vi } from "vitest";
import type { Relay } from "../../src/relay/relay.ts";
import { ClusterChurn, seededRandom } from "../support/cluster-churn.ts";
import { between, churnFor, converged, expectRecorded, report, seedOr } from "../support/fault-run.ts";
import { fastElection, useRelayWorld } from "../support/relay-world.ts";

// The fault matrix, leader election: two relays race for the lease and the leader is stopped and
// started again, over and over, while objects change. Whoever leads, the store must end in the
// cluster's state with each transition once and nothing invented. FAULT_SEED=<n> replays a seed.

const world = useRelayWorld();

describe("the fault matrix: the lease", () => {
  test("two relays racing for the lease, the leader stopped and restarted repeatedly, record each transition once", async () => {
    const seed = seedOr(1601);
    const random = seededRandom(seed);
    const churn = new ClusterChurn(world.server, seededRandom(seed + 1));
    churn.run(25, ["create"]);
    const relays = new Map<string, Relay>();
    const start = async (identity: string) => {
      const relay = world.relay({ leaderElection: fastElection(identity) });
      relays.set(identity, relay);
      await relay.start();
    };
    await Promise.all([start("relay-a"), start("relay-b")]);

    const leaders: string[] = [];
    for (let round = 0; round < 4; round++) {
      const leader = await vi.waitFor(() => {
        const leading = [...relays].filter(([, relay]) => relay.status().leading);
        expect(leading.length, `seed ${seed}: one leader at a time`).toBe(1);
        return leading[0]?.[0] ?? "";
      }, converged);
      leaders.push(leader);
      await churnFor(churn, between(random, 300, 800));
      await relays.get(leader)?.stop();
      // The handover, and the leader's restart, while objects go on changing.
      await churnFor(churn, between(random, 100, 500));
      await start(leader);
      await churnFor(churn, between(random, 100, 400));
    }

    const judged = await expectRecorded(world, churn, seed);
    expect(new Set(leaders).size, `seed ${seed}: leaders ${leaders}`).toBe(2);
    report("lease-race", seed, { leaders, ...judged });
  }, 60_000);
});
