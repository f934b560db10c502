import { Registry } from "prom-client";
import { describe, expect, test, vi } from "vitest";
import { loadFixture } from "../../test/support/fixtures.ts";
import { useRelayWorld } from "../../test/support/relay-world.ts";
import { metricValue } from "./transport/testing/metric-value.ts";

// The composition's own duties: probes fed from its parts, the sender's config-revision hook wired
// to config sync and on to the watches, and a fresh term after the lease was lost and won back.

const world = useRelayWorld();
const eventually = { timeout: 15_000, interval: 50 };
const CHECKOUT = { group: "apps", kind: "Deployment", namespace: "shop", name: "checkout-api" };
const storedHealth = async () => (await world.table.store.getObject(world.cluster, CHECKOUT))?.status.health;

describe("createRelay", () => {
  test("answers /readyz with 503 before its config and first lists, and 200 once it watches", async () => {
    const relay = world.relay({ probePort: 0 });
    const readyz = async () => (await fetch(`${relay.probeUrl}/readyz`)).status;
    world.server.setListDelay(300);

    const starting = relay.start();
    await vi.waitFor(() => expect(relay.probeUrl).toBeDefined(), eventually);
    expect(await readyz()).toBe(503);
    await starting;

    await vi.waitFor(async () => expect(await readyz()).toBe(200), eventually);
    expect(await (await fetch(`${relay.probeUrl}/healthz`)).json()).toEqual({ status: "ok" });
  });

  test("fetches the config an ack names at once, and watches what it lists", async () => {
    const relay = world.relay();
    await relay.start();
    await vi.waitFor(() => expect(relay.status().watches.length).toBeGreaterThan(1), eventually);

    const watch = [{ apiVersion: "apps/v1", kind: "Deployment" }];
    await world.table.store.putConfig({ cluster: world.cluster }, "watch: […]", { watch }, new Date());
    world.server.apply(loadFixture("deployment/available.yaml"));

    await vi.waitFor(
      () => expect(relay.status().watches.map((w) => w.kind)).toEqual(["apps/Deployment"]),
      eventually,
    );
    expect(relay.status().config?.source).toBe("backend");
    await vi.waitFor(async () => expect(await storedHealth()).toBe("Healthy"), eventually);
  });

  test("stops sending when its lease is taken, and sends again with a new term once it wins it back", async () => {
    const registry = new Registry();
    const lease = { apiVersion: "coordination.k8s.io/v1", kind: "Lease", namespace: "status-recorder" };
    const relay = world.relay({
      registry,
      leaderElection: {
        namespace: "status-recorder",
        identity: "relay-0",
        leaseDurationSeconds: 1,
        renewIntervalMs: 150,
        renewDeadlineMs: 600,
        retryPeriodMs: 100,
      },
    });
    await relay.start();
    await vi.waitFor(() => expect(relay.status().leading).toBe(true), eventually);

    const renewTime = new Date().toISOString().replace("Z", "000Z");
    world.server.patch(
      { ...lease, name: "status-recorder-relay" },
      { spec: { holderIdentity: "intruder", renewTime, leaseDurationSeconds: 1 } },
    );
    await vi.waitFor(
      () => expect(relay.status()).toMatchObject({ leading: false, leader: "intruder" }),
      eventually,
    );
    await vi.waitFor(() => expect(relay.status().sender?.stopped).toBe(true), eventually);

    await vi.waitFor(() => expect(relay.status().leading).toBe(true), eventually);
    world.server.apply(loadFixture("deployment/available.yaml"));
    await vi.waitFor(async () => expect(await storedHealth()).toBe("Healthy"), eventually);
    expect(relay.status().sender?.stopped).toBe(false);
    expect(
      await metricValue(registry, "status_recorder_relay_batches_sent_total", { mode: "snapshot" }),
    ).toBeGreaterThan(0);
  });
});
