import { describe, expect, test, vi } from "vitest";
import { createReadApp } from "../src/http/read-app.ts";
import { objectKeyOf } from "../src/model/object-key.ts";
import type { Transition } from "../src/store/records.ts";
import type { StatusStore } from "../src/store/status-store.ts";
import { deployment } from "./support/kube-api-server/test-objects.ts";
import { useRelayWorld } from "./support/relay-world.ts";
import { deploymentStatus, keptnMetric, keptnMetricCrd } from "./support/truth-objects.ts";

// Every distinct status the relay observes must reach history, in order, also when the ingest is
// down while objects change (beyond the relay's bound, as one explicit gap), and an odd value of one
// object must not hold back the rest of its cluster.

const world = useRelayWorld();
const HELD_PER_OBJECT = 32;
const settled = { timeout: 30_000, interval: 200 };

const ref = (name: string) => ({ apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name });
const keyOf = (name: string) => objectKeyOf({ group: "apps", kind: "Deployment", namespace: "shop", name });

async function oldestFirst(store: StatusStore, cluster: string, name: string): Promise<Transition[]> {
  const items: Transition[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listHistory(
      cluster,
      keyOf(name),
      { limit: 500, ...(cursor ? { cursor } : {}) },
      new Date(),
    );
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items.reverse();
}

/**
 * Creates a Deployment already healthy (written with its status, as one object) and waits until the
 * store has it: created bare and then given a status, the relay may truly see it Progressing first.
 */
async function healthyDeployment(name: string): Promise<void> {
  world.server.apply({ ...deployment(name, 1, "shop"), status: deploymentStatus(true) });
  await vi.waitFor(async () => {
    const stored = await world.table.store.getObject(world.cluster, {
      group: "apps",
      kind: "Deployment",
      namespace: "shop",
      name,
    });
    expect(stored?.status.health).toBe("Healthy");
  }, settled);
}

/** Flips the Deployment `times` times, each change apart enough for the relay to see it alone. */
async function flip(name: string, times: number): Promise<string[]> {
  const healths: string[] = [];
  for (let i = 1; i <= times; i++) {
    const available = i % 2 === 0;
    world.server.updateStatus(ref(name), deploymentStatus(available));
    healths.push(available ? "Healthy" : "Progressing");
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  return healths;
}

describe("history over an ingest outage", () => {
  test("holds every status observed while the ingest was down, in order, and past the bound one explicit gap", async () => {
    const proxy = await world.frontProxy();
    const relay = world.relay({ endpoint: `${proxy.url}/` });
    await relay.start();
    await world.watching(["Deployment"]);
    await healthyDeployment("few");
    await healthyDeployment("many");

    await proxy.setMode("unavailable");
    const few = await flip("few", 5);
    const many = await flip("many", HELD_PER_OBJECT + 8);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the relay has seen them all
    await proxy.setMode("pass");

    const { store } = world.table;
    await vi.waitFor(async () => {
      const history = await oldestFirst(store, world.cluster, "few");
      expect(history.map((t) => t.to.health)).toEqual(["Healthy", ...few]);
    }, settled);
    // "many" may still be on its way: its statuses go in batches of their own after the outage.
    await vi.waitFor(async () => {
      const history = await oldestFirst(store, world.cluster, "many");
      const gaps = history.filter((t) => t.cause === "gap");
      expect(gaps.map((t) => t.gap?.count)).toEqual([8]);
      const recorded = history.filter((t) => t.cause !== "gap").map((t) => t.to.health);
      expect(recorded).toEqual(["Healthy", ...many.slice(0, 1), ...many.slice(9)]);
      const times = history.map((t) => Date.parse(t.time));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }, settled);
    const stored = await store.getObject(world.cluster, {
      group: "apps",
      kind: "Deployment",
      namespace: "shop",
      name: "many",
    });
    expect(stored?.transitions).toBe(1 + many.length);
  }, 60_000);
});

describe("an odd value", () => {
  test("is recorded as it is while the cluster's other changes stay visible at the usual latency", async () => {
    world.server.apply(keptnMetricCrd());
    const relay = world.relay();
    await relay.start();
    await world.watching(["Deployment"]);
    await healthyDeployment("web");

    world.server.apply(keptnMetric("throughput", "1e300"));
    world.server.updateStatus(ref("web"), deploymentStatus(false));
    const changed = Date.now();

    const { store } = world.table;
    await vi.waitFor(
      async () => {
        const web = await store.getObject(world.cluster, {
          group: "apps",
          kind: "Deployment",
          namespace: "shop",
          name: "web",
        });
        expect(web?.status.health).toBe("Progressing");
      },
      { timeout: 5_000, interval: 20 },
    );
    expect(Date.now() - changed).toBeLessThan(2_000);
    const read = createReadApp({ store, auth: { disabled: true } });
    await vi.waitFor(async () => {
      const res = await read.request(`/v1/clusters/${world.cluster}/metrics/shop/throughput`);
      expect(res.status).toBe(200);
      expect(Number(((await res.json()) as { value: unknown }).value)).toBe(1e300);
    }, settled);
  }, 60_000);
});
