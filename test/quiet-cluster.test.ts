import { describe, expect, test, vi } from "vitest";
import { createReadApp } from "../src/http/read-app.ts";
import { deployment } from "./support/kube-api-server/test-objects.ts";
import { useRelayWorld } from "./support/relay-world.ts";
import { deploymentStatus, keptnMetric, keptnMetricCrd } from "./support/truth-objects.ts";

// A cluster where nothing changes, watched by a real relay (test API server → relay → ingest →
// dynalite → read app), over several staleness windows: "up" must mean the relay's view is current,
// no more (a dead or blind relay goes stale) and no less (silence is not death).

const world = useRelayWorld();
const STALE_AFTER_MS = 3_000;
const DIG = "dig1";
const CONFIG = {
  staleAfter: "3s",
  watch: [
    { apiVersion: "apps/v1", kind: "Deployment" },
    { apiVersion: "metrics.keptn.sh/v1", kind: "KeptnMetric" },
  ],
};

interface Reading {
  up: boolean;
  reason?: string;
  clusterUp: string | undefined;
  keptn: number;
  emcoUnknown: boolean;
}

async function quietCluster() {
  const api = world.server;
  api.apply(keptnMetricCrd());
  const web = deployment("web", 1, "shop");
  web.metadata = { ...web.metadata, labels: { app: "web", "emco/deployment-id": `${DIG}-web` } };
  api.apply(web);
  api.updateStatus(
    { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web" },
    deploymentStatus(true),
  );
  api.apply(keptnMetric("throughput", "42"));
  const { store } = world.table;
  await store.putConfig({}, JSON.stringify(CONFIG), CONFIG, new Date());
  const read = createReadApp({ store, auth: { disabled: true }, config: { staleAfter: STALE_AFTER_MS } });
  const cluster = world.cluster;
  const reading = async (): Promise<Reading> => {
    const clusters = (await (await read.request("/v1/clusters")).json()) as {
      clusters: { name: string; up: boolean; reason?: string }[];
    };
    const summary = clusters.clusters.find((c) => c.name === cluster);
    const metrics = await (await read.request(`/metrics?cluster=${cluster}`)).text();
    const keptn = await read.request(`/v1/clusters/${cluster}/metrics/shop/throughput`);
    const emco = await read.request(
      `/v2/projects/p/composite-apps/app/v1/deployment-intent-groups/${DIG}/status?output=all`,
    );
    return {
      up: summary?.up ?? false,
      ...(summary?.reason ? { reason: summary.reason } : {}),
      clusterUp: new RegExp(`status_recorder_cluster_up\\{cluster="${cluster}"\\} (\\S+)`).exec(metrics)?.[1],
      keptn: keptn.status,
      emcoUnknown: (await emco.text()).includes("Unknown"),
    };
  };
  return { reading };
}

const healthy: Reading = { up: true, clusterUp: "1", keptn: 200, emcoUnknown: false };

describe("a quiet cluster", () => {
  test("stays up over three times its staleAfter while its relay watches, then goes stale when its watches fail", async () => {
    const { reading } = await quietCluster();
    const relay = world.relay();
    await relay.start();
    await world.watching(["Deployment", "KeptnMetric"]);
    await vi.waitFor(async () => expect(await reading()).toEqual(healthy), {
      timeout: 10_000,
      interval: 100,
    });

    const until = Date.now() + 3.5 * STALE_AFTER_MS;
    const readings: Reading[] = [];
    while (Date.now() < until) {
      readings.push(await reading());
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(readings.filter((r) => !r.up || r.clusterUp !== "1" || r.keptn !== 200 || r.emcoUnknown)).toEqual(
      [],
    );

    // The API server goes away: every watch fails, the relay still reaches the ingest.
    await world.server.close();
    await vi.waitFor(
      async () => {
        const now = await reading();
        expect(now).toMatchObject({ up: false, clusterUp: "0", keptn: 503, emcoUnknown: true });
        expect(now.reason).toContain("no watch is live");
      },
      { timeout: 15_000, interval: 200 },
    );
  }, 60_000);

  test("goes stale once its relay stops", async () => {
    const { reading } = await quietCluster();
    const relay = world.relay();
    await relay.start();
    await world.watching(["Deployment"]);
    await vi.waitFor(async () => expect((await reading()).up).toBe(true), { timeout: 10_000, interval: 100 });

    await relay.stop();

    await vi.waitFor(
      async () => {
        const now = await reading();
        expect(now).toMatchObject({ up: false, clusterUp: "0" });
        expect(now.reason).toContain("has not posted since");
      },
      { timeout: 10_000, interval: 200 },
    );
  }, 30_000);
});
