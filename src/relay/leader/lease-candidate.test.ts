import { CoordinationV1Api } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KubeApiServer, kubeconfigFor } from "../../../test/support/kube-api-server/index.ts";
import { recordingLogger } from "../transport/testing/recording-logger.ts";
import { LeaseCandidate } from "./lease-candidate.ts";
import { LeaseLock } from "./lease-lock.ts";

// One step of the election at a time, against the test API server, with time moved by hand.

const NAMESPACE = "status-recorder";
const LEASE = { apiVersion: "coordination.k8s.io/v1", kind: "Lease", namespace: NAMESPACE, name: "relay" };
const T0 = Date.parse("2027-03-01T12:00:00Z");
let server: KubeApiServer;
let now: number;

beforeEach(async () => {
  server = await KubeApiServer.start();
  now = T0;
});

afterEach(async () => {
  await server.close();
});

function candidate(identity: string): LeaseCandidate {
  const lock = new LeaseLock({
    api: kubeconfigFor(server).makeApiClient(CoordinationV1Api),
    namespace: NAMESPACE,
    name: "relay",
    requestTimeoutMs: 5_000,
  });
  return new LeaseCandidate({
    lock,
    identity,
    leaseDurationSeconds: 15,
    now: () => now,
    logger: recordingLogger(),
  });
}

function leaseSpec(): Record<string, unknown> {
  return (server.get(LEASE)?.spec ?? {}) as Record<string, unknown>;
}

describe("acquiring the lease", () => {
  it("creates the lease when there is none, and holds it", async () => {
    const a = candidate("relay-a");

    expect(await a.tryAcquireOrRenew()).toBe(true);

    expect(leaseSpec()).toMatchObject({
      holderIdentity: "relay-a",
      leaseDurationSeconds: 15,
      leaseTransitions: 0,
    });
    expect(a.holdsLease).toBe(true);
  });

  it("leaves a lease held by another alone while it has not seen it unchanged for its duration", async () => {
    const [a, b] = [candidate("relay-a"), candidate("relay-b")];
    await a.tryAcquireOrRenew();
    await b.tryAcquireOrRenew();

    now += 14_999;

    expect(await b.tryAcquireOrRenew()).toBe(false);
    expect(b.holder).toBe("relay-a");
  });

  it("takes over a lease it has seen unchanged for the lease duration, counting a transition", async () => {
    const [a, b] = [candidate("relay-a"), candidate("relay-b")];
    await a.tryAcquireOrRenew();
    await b.tryAcquireOrRenew();

    now += 15_001;

    expect(await b.tryAcquireOrRenew()).toBe(true);
    expect(leaseSpec()).toMatchObject({ holderIdentity: "relay-b", leaseTransitions: 1 });
  });

  it("does not take over a lease whose holder keeps renewing it", async () => {
    const [a, b] = [candidate("relay-a"), candidate("relay-b")];
    await a.tryAcquireOrRenew();
    await b.tryAcquireOrRenew();
    now += 10_000;
    await a.tryAcquireOrRenew();
    await b.tryAcquireOrRenew();

    now += 10_000;

    expect(await b.tryAcquireOrRenew()).toBe(false);
  });

  it("ignores the record's timestamps, so a holder's skewed clock cannot make its lease look expired", async () => {
    const a = candidate("relay-a");
    await a.tryAcquireOrRenew();
    server.patch(LEASE, { spec: { renewTime: "2001-01-01T00:00:00.000000Z" } });
    const b = candidate("relay-b");

    expect(await b.tryAcquireOrRenew()).toBe(false);
  });

  it("takes a released lease at once", async () => {
    const [a, b] = [candidate("relay-a"), candidate("relay-b")];
    await a.tryAcquireOrRenew();
    await b.tryAcquireOrRenew();

    expect(await a.release()).toBe(true);

    expect(await b.tryAcquireOrRenew()).toBe(true);
    expect(leaseSpec()).toMatchObject({ holderIdentity: "relay-b", leaseTransitions: 1 });
  });
});

describe("renewing and releasing", () => {
  it("renews its own lease, keeping the acquire time and the transition count", async () => {
    const a = candidate("relay-a");
    await a.tryAcquireOrRenew();
    const acquired = leaseSpec().acquireTime;

    now += 5_000;

    expect(await a.tryAcquireOrRenew()).toBe(true);
    expect(leaseSpec()).toMatchObject({ acquireTime: acquired, leaseTransitions: 0 });
    expect(Date.parse(String(leaseSpec().renewTime))).toBe(T0 + 5_000);
  });

  it("sees a holder written behind its back instead of overwriting it", async () => {
    const a = candidate("relay-a");
    await a.tryAcquireOrRenew();
    server.patch(LEASE, { spec: { holderIdentity: "relay-c" } });

    expect(await a.tryAcquireOrRenew()).toBe(false);
    expect(a.holder).toBe("relay-c");
    expect(leaseSpec().holderIdentity).toBe("relay-c");
  });

  it("clears the holder and shortens the lease on release", async () => {
    const a = candidate("relay-a");
    await a.tryAcquireOrRenew();

    await a.release();

    expect(leaseSpec()).toMatchObject({ holderIdentity: "", leaseDurationSeconds: 1, leaseTransitions: 0 });
    expect(a.holdsLease).toBe(false);
  });

  it("leaves another holder's lease alone on release", async () => {
    const [a, b] = [candidate("relay-a"), candidate("relay-b")];
    await a.tryAcquireOrRenew();

    expect(await b.release()).toBe(true);

    expect(leaseSpec().holderIdentity).toBe("relay-a");
  });

  it("reports a failed attempt, without throwing, when the API server errs", async () => {
    const a = candidate("relay-a");
    server.failNext("leases", 500);

    expect(await a.tryAcquireOrRenew()).toBe(false);
    expect(await a.tryAcquireOrRenew()).toBe(true);
  });
});
