import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startDev } from "../src/cli/dev/start-dev.ts";
import { interpret } from "../src/interpret/interpret.ts";
import type { WireEvent } from "../src/model/wire.ts";
import { loadFixture } from "./support/fixtures.ts";
import { type PrometheusServer, prometheusAvailable, startPrometheus } from "./support/prometheus-server.ts";
import { deltaBatch, signedRequest } from "./support/signed-request.ts";

// The read API as a real Prometheus uses it: one Prometheus discovers a target per cluster through
// /v1/targets and scrapes /metrics?cluster=… (OpenMetrics, as it asks for first); a second federates
// through our /federate with honor_labels. Both authenticate with the read token.

const READ_TOKEN = "srr_e2e-read-token";
const CLUSTERS = { "edge-1": "edge-1-relay-secret", "edge-2": "edge-2-relay-secret" } as const;
type Cluster = keyof typeof CLUSTERS;

const RECORDED: Record<Cluster, string[]> = {
  "edge-1": [
    "argocd/v1beta1-available.yaml",
    "deployment/available.yaml",
    "deployment/progress-deadline-exceeded.yaml",
  ],
  "edge-2": ["deployment/available.yaml", "pod/running-ready.yaml", "machineconfigpool/updated.yaml"],
};

/** The event a relay sends for a fixture object, interpreted as the relay interprets it. */
function eventFor(fixture: string): WireEvent {
  const object = loadFixture(fixture);
  return {
    type: "UPSERT",
    object: {
      apiVersion: object.apiVersion ?? "",
      kind: object.kind ?? "",
      namespace: object.metadata?.namespace ?? "",
      name: object.metadata?.name ?? "",
    },
    status: interpret(object),
    resourceVersion: object.metadata?.resourceVersion ?? "1",
    observedAt: new Date().toISOString(),
  };
}

async function ingest(dev: DevServer, cluster: Cluster): Promise<void> {
  const body = JSON.stringify(deltaBatch(RECORDED[cluster].map(eventFor)));
  const { url, ...init } = signedRequest(`${dev.url}/v1/clusters/${cluster}/events`, body, {
    secret: CLUSTERS[cluster],
    gzip: true,
  });
  const res = await fetch(url, init);
  if (res.status !== 200)
    throw new Error(`ingest for ${cluster} answered ${res.status}: ${await res.text()}`);
}

const healthyCount = (cluster: Cluster) =>
  RECORDED[cluster].map(eventFor).filter((e) => e.status.health === "Healthy").length;

const byCluster = (result: { metric: Record<string, string>; value: number }[]) =>
  Object.fromEntries(result.map((r) => [r.metric.cluster, r.value]));

const available = prometheusAvailable();
const suite = available
  ? "a real Prometheus"
  : "a real Prometheus (SKIPPED: no prometheus binary on PATH; apt-get install prometheus)";

describe.skipIf(!available)(suite, () => {
  let dev: DevServer;
  let scraper: PrometheusServer;
  let federator: PrometheusServer;

  beforeAll(async () => {
    dev = await startDev({
      port: 0,
      host: "127.0.0.1",
      storage: { memory: true },
      clusterSecrets: Object.entries(CLUSTERS).map(([name, secret]) => ({ name, secret })),
      readAuth: { token: READ_TOKEN },
    });
    await ingest(dev, "edge-1");
    await ingest(dev, "edge-2");
    const host = new URL(dev.url).host;
    const authorization = { type: "Bearer", credentials: READ_TOKEN };
    [scraper, federator] = await Promise.all([
      startPrometheus({
        global: { scrape_interval: "1s", scrape_timeout: "1s", evaluation_interval: "1s" },
        scrape_configs: [
          {
            job_name: "status-recorder",
            // The series carry their own `cluster`; the target's (from discovery) must not rename it.
            honor_labels: true,
            authorization,
            http_sd_configs: [{ url: `${dev.url}/v1/targets`, refresh_interval: "5s", authorization }],
          },
        ],
      }),
      startPrometheus({
        global: { scrape_interval: "1s", scrape_timeout: "1s", evaluation_interval: "1s" },
        scrape_configs: [
          {
            job_name: "federate",
            honor_labels: true,
            metrics_path: "/federate",
            params: { "match[]": ['{__name__=~"argocd_.*|status_recorder_.*"}'] },
            authorization,
            static_configs: [{ targets: [host] }],
          },
        ],
      }),
    ]);
  }, 30_000);

  afterAll(async () => {
    await Promise.all([scraper?.stop(), federator?.stop()]);
    await dev?.close();
  });

  it("discovers one target per cluster and scrapes each", async () => {
    await scraper.waitFor(
      'up{job="status-recorder"}',
      (r) => r.length === 2 && r.every((s) => s.value === 1),
    );

    const targets = await scraper.query('up{job="status-recorder"}');

    expect(targets.map((t) => t.metric.cluster).sort()).toEqual(["edge-1", "edge-2"]);
  });

  it("reads the Argo CD instance's phase and components", async () => {
    await scraper.waitFor('argocd_phase{cluster="edge-1"}', (r) => r.length === 1);

    const [phase] = await scraper.query('argocd_phase{cluster="edge-1"}');
    const [server] = await scraper.query('argocd_server_status{cluster="edge-1"}');

    expect(phase).toMatchObject({
      metric: { namespace: "openshift-gitops", name: "openshift-gitops" },
      value: 3,
    });
    expect(server?.value).toBe(2);
  });

  it("counts healthy objects per cluster and reports both clusters up", async () => {
    const healthy = 'count by (cluster) (status_recorder_object_health{health="Healthy"})';
    await scraper.waitFor(healthy, (r) => r.length === 2);
    await scraper.waitFor("status_recorder_cluster_up", (r) => r.length === 2);

    expect(byCluster(await scraper.query(healthy))).toEqual({
      "edge-1": healthyCount("edge-1"),
      "edge-2": healthyCount("edge-2"),
    });
    expect(byCluster(await scraper.query("status_recorder_cluster_up"))).toEqual({
      "edge-1": 1,
      "edge-2": 1,
    });
  });

  it("federates the selected series with their own labels", async () => {
    await federator.waitFor("status_recorder_cluster_up", (r) => r.length === 2);
    await federator.waitFor('argocd_phase{cluster="edge-1"}', (r) => r.length === 1);

    const [phase] = await federator.query('argocd_phase{cluster="edge-1"}');
    const healthy = 'count by (cluster) (status_recorder_object_health{health="Healthy"})';

    expect(phase?.value).toBe(3);
    expect(byCluster(await federator.query("status_recorder_cluster_up"))).toEqual({
      "edge-1": 1,
      "edge-2": 1,
    });
    expect(byCluster(await federator.query(healthy))).toEqual({
      "edge-1": healthyCount("edge-1"),
      "edge-2": healthyCount("edge-2"),
    });
    // Outside the selectors: never federated.
    expect(await federator.query("mco_machine_count")).toEqual([]);
  });
});
