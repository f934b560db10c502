import { CoordinationV1Api } from "@kubernetes/client-node";
import { Registry } from "prom-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KubeApiServer, kubeconfigFor } from "../../../test/support/kube-api-server/index.ts";
import type { Scheduler } from "../transport/scheduler.ts";
import { metricValue } from "../transport/testing/metric-value.ts";
import type { Leadership, LeaseElectionOptions } from "./leader-api.ts";
import { createLeaseElection } from "./leader-election.ts";

// Relays competing for one Lease on the test API server, in real time with the durations cut to
// fractions of a second (a 1 s lease is the shortest a Lease can state).

const NAMESPACE = "status-recorder";
const LEASE = { apiVersion: "coordination.k8s.io/v1", kind: "Lease", namespace: NAMESPACE, name: "relay" };
const FAST = { leaseDurationSeconds: 1, renewIntervalMs: 150, renewDeadlineMs: 600, retryPeriodMs: 100 };
let server: KubeApiServer;
const running: Leadership[] = [];

beforeEach(async () => {
  server = await KubeApiServer.start();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop({ release: false })));
  await server.close();
});

type Event = "started" | "stopped";

interface Relay {
  election: Leadership;
  identity: string;
  events: Event[];
  /** Resolves when the relay has had `count` events of this type in all; with the time it came. */
  next(event: Event, count?: number): Promise<number>;
}

function relay(identity: string, options: Partial<LeaseElectionOptions> = {}): Relay {
  const events: Event[] = [];
  let waiters: { event: Event; count: number; resolve: (at: number) => void }[] = [];
  const record = (event: Event) => {
    events.push(event);
    const seen = events.filter((e) => e === event).length;
    for (const w of waiters.filter((w) => w.event === event && seen >= w.count)) w.resolve(Date.now());
    waiters = waiters.filter((w) => !(w.event === event && seen >= w.count));
  };
  const election = createLeaseElection({
    api: kubeconfigFor(server).makeApiClient(CoordinationV1Api),
    namespace: NAMESPACE,
    name: "relay",
    identity,
    ...FAST,
    onStartedLeading: () => record("started"),
    onStoppedLeading: () => record("stopped"),
    ...options,
  });
  running.push(election);
  const next = (event: Event, count = 1) =>
    events.filter((e) => e === event).length >= count
      ? Promise.resolve(Date.now())
      : new Promise<number>((resolve) => waiters.push({ event, count, resolve }));
  return { election, identity, events, next };
}

/** Starts two relays and returns them leader first, once one leads. */
async function pair(options: Partial<LeaseElectionOptions> = {}): Promise<[Relay, Relay]> {
  const a = relay("relay-a", options);
  const b = relay("relay-b", options);
  a.election.start();
  b.election.start();
  const first = await Promise.race([a.next("started").then(() => a), b.next("started").then(() => b)]);
  return first === a ? [a, b] : [b, a];
}

function holder(): unknown {
  return (server.get(LEASE)?.spec as { holderIdentity?: string } | undefined)?.holderIdentity;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function renewedFor(relay: Relay, ms: number): Promise<void> {
  const from = relay.election.status().lastRenewAt ?? Date.now();
  await until(() => (relay.election.status().lastRenewAt ?? 0) - from >= ms);
}

describe("leader election between two relays", () => {
  it("lets exactly one lead while it keeps renewing", async () => {
    const [leader, standby] = await pair();

    await renewedFor(leader, 1_500);

    expect(leader.election.isLeader()).toBe(true);
    expect(standby.election.isLeader()).toBe(false);
    expect(standby.events).toEqual([]);
    expect(standby.election.status().leader).toBe(leader.identity);
    expect(holder()).toBe(leader.identity);
  });

  it("hands over to the standby once a leader that died without releasing lets the lease expire", async () => {
    const [leader, standby] = await pair();

    const killedAt = Date.now();
    await leader.election.stop({ release: false });
    const tookOverAt = await standby.next("started");

    expect(tookOverAt - killedAt).toBeGreaterThanOrEqual(800);
    expect(tookOverAt - killedAt).toBeLessThan(3_000);
    expect(holder()).toBe(standby.identity);
  });

  it("hands over at once when the leader releases the lease on shutdown", async () => {
    const [leader, standby] = await pair({ ...FAST, leaseDurationSeconds: 3 });

    const releasedAt = Date.now();
    await leader.election.stop();
    const tookOverAt = await standby.next("started");

    expect(tookOverAt - releasedAt).toBeLessThan(1_000);
    expect(leader.events).toEqual(["started", "stopped"]);
  });
});

describe("losing the lease", () => {
  it("stops leading at once when another holder took the lease", async () => {
    const only = relay("relay-a");
    only.election.start();
    await only.next("started");

    server.patch(LEASE, { spec: { holderIdentity: "intruder" } });
    await only.next("stopped");

    expect(only.election.isLeader()).toBe(false);
    expect(only.election.status().leader).toBe("intruder");
  });

  it("competes again after losing, and leads once the other holder's lease expires", async () => {
    const only = relay("relay-a");
    only.election.start();
    await only.next("started");
    server.patch(LEASE, { spec: { holderIdentity: "intruder" } });

    await only.next("started", 2);

    expect(only.events).toEqual(["started", "stopped", "started"]);
    expect(holder()).toBe("relay-a");
  });

  it("stops leading within the renew deadline when the API server keeps failing", async () => {
    const only = relay("relay-a");
    only.election.start();
    await only.next("started");

    server.failNext("leases", 503, { times: 1_000 });
    const lastRenewAt = only.election.status().lastRenewAt ?? 0;
    const stoppedAt = await only.next("stopped");

    expect(stoppedAt - lastRenewAt).toBeLessThan(FAST.leaseDurationSeconds * 1000);
    expect(stoppedAt - lastRenewAt).toBeGreaterThanOrEqual(FAST.renewDeadlineMs - 50);
  });
});

describe("stopping", () => {
  it("stops the relay's work before it clears the lease", async () => {
    let holderWhenStopped: unknown;
    const only = relay("relay-a", {
      onStartedLeading: () => {},
      onStoppedLeading: () => {
        holderWhenStopped = holder();
      },
    });
    only.election.start();
    await until(() => only.election.isLeader());

    await only.election.stop();

    expect(holderWhenStopped).toBe("relay-a");
    expect(holder()).toBe("");
  });

  it("leaves the lease alone when a standby stops", async () => {
    const [leader, standby] = await pair();

    await standby.election.stop();

    expect(holder()).toBe(leader.identity);
    expect(standby.events).toEqual([]);
  });
});

describe("observability", () => {
  it("exports whether it leads as a gauge", async () => {
    const registry = new Registry();
    const only = relay("relay-a", { registry });
    only.election.start();
    await only.next("started");

    expect(await metricValue(registry, "status_recorder_relay_leader")).toBe(1);
    await only.election.stop();
    expect(await metricValue(registry, "status_recorder_relay_leader")).toBe(0);
  });

  it("reports itself stuck when it leads but its loop has not renewed beyond the lease duration", async () => {
    let paused = false;
    let offset = 0;
    const scheduler: Scheduler = {
      now: () => Date.now() + offset,
      setTimeout(callback, ms) {
        const timer = setTimeout(() => paused || callback(), ms);
        return () => clearTimeout(timer);
      },
    };
    const only = relay("relay-a", { scheduler });
    only.election.start();
    await only.next("started");
    expect(only.election.check(0)).toBeUndefined();

    paused = true;
    offset = 5_000;

    expect(only.election.check(1_000)).toMatch(/leader election stuck/);
  });
});
