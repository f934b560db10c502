import { Counter, Gauge, Registry } from "prom-client";
import { clusterState } from "../src/metrics/cluster-families.ts";
import { customFamilySpec } from "../src/metrics/custom-families.ts";
import { familyKey, labelKey } from "../src/metrics/custom-keys.ts";
import type { Family } from "../src/metrics/family.ts";
import { FamilyRegistry } from "../src/metrics/family-registry.ts";
import { MetricsCache } from "../src/metrics/metrics-cache.ts";
import { parseSelectors } from "../src/metrics/selectors.ts";
import { clusterRecord, storedObject } from "../src/metrics/testing/stored-object.ts";
import type { ObjectStatus } from "../src/model/object-status.ts";
import type { ClusterRecord, StoredObject } from "../src/store/records.ts";
import { bestMs } from "./measure.ts";

// /metrics over 100k recorded objects: the cache's render (headers once, each object's lines written when it
// changed) against prom-client rendering exactly the same series from its registry, in the same run.

const OBJECTS = 100_000;
const CLUSTERS = 20;
const NOW = Date.parse("2025-03-01T12:00:00Z");
const STALE_AFTER_MS = 300_000;

const CUSTOM = [
  customFamilySpec({
    name: "widget_replicas",
    help: "Replicas of a widget.",
    type: "gauge",
    kind: "Widget",
    value: "values.replicas",
    labels: { tier: "object.metadata.labels.tier" },
  }),
];

// One object in six is unhealthy, as in a fleet mid-rollout.
const HEALTHS: readonly ObjectStatus["health"][] = [
  "Healthy",
  "Healthy",
  "Healthy",
  "Healthy",
  "Progressing",
  "Degraded",
];

const ARGOCD: Partial<ObjectStatus> = {
  phase: "Available",
  components: Object.fromEntries(
    ["applicationController", "applicationSetController", "server", "repo", "redis", "sso"].map((c) => [
      c,
      "Running",
    ]),
  ),
};
const POOL: Partial<ObjectStatus> = {
  values: { machineCount: 3, readyMachineCount: 3, updatedMachineCount: 3, degradedMachineCount: 0 },
  components: { state: "Updated", stateReason: "" },
};
const WIDGET: Partial<ObjectStatus> = {
  values: { [familyKey("widget_replicas")]: 3 },
  components: { [labelKey("widget_replicas", "tier")]: "web" },
};

const clusterName = (c: number) => `cluster-${String(c).padStart(2, "0")}`;

/** Per cluster an Argo CD instance, three pools and ten KeptnMetrics; the rest mostly Pods and Deployments. */
function makeRecords(): StoredObject[] {
  const records: StoredObject[] = [];
  const add = (
    apiVersion: string,
    kind: string,
    status: Partial<ObjectStatus>,
    namespace: string,
    c: number,
  ) => {
    const n = records.length;
    const health = HEALTHS[n % HEALTHS.length];
    const options = { cluster: clusterName(c), namespace, transitions: n % 17 };
    records.push(
      storedObject(apiVersion, kind, `${kind.toLowerCase()}-${n}`, { health, ...status }, options),
    );
  };
  for (let c = 0; c < CLUSTERS; c++) {
    add("argoproj.io/v1beta1", "ArgoCD", ARGOCD, "argocd", c);
    for (let p = 0; p < 3; p++) add("machineconfiguration.openshift.io/v1", "MachineConfigPool", POOL, "", c);
    for (let k = 0; k < 10; k++) {
      const metric = { values: { value: k * 1.5 }, components: { provider: "prometheus" } };
      add("metrics.keptn.sh/v1", "KeptnMetric", metric, "keptn", c);
    }
  }
  for (let i = 0; records.length < OBJECTS; i++) {
    const namespace = `team-${i % 50}`;
    const c = i % CLUSTERS;
    const slot = i % 20;
    if (slot < 11) add("v1", "Pod", {}, namespace, c);
    else if (slot < 16) add("apps/v1", "Deployment", {}, namespace, c);
    else if (slot < 18) add("apps/v1", "ReplicaSet", {}, namespace, c);
    else if (slot < 19) add("v1", "Service", {}, namespace, c);
    else add("example.com/v1", "Widget", WIDGET, namespace, c);
  }
  return records;
}

/** The same series in a prom-client registry: one Gauge (or Counter) per family, label names as ours. */
function promClientRegistry(records: readonly StoredObject[], clusters: readonly ClusterRecord[]): Registry {
  const families = new FamilyRegistry(CUSTOM);
  const registry = new Registry();
  const metrics = new Map<string, Gauge | Counter>();
  const set = (name: string, help: string, type: string, labels: [string, string][], value: number) => {
    let metric = metrics.get(name);
    if (!metric) {
      const config = { name, help, labelNames: labels.map(([l]) => l), registers: [registry] };
      metric = type === "counter" ? new Counter(config) : new Gauge(config);
      metrics.set(name, metric);
    }
    const values = Object.fromEntries(labels);
    if (metric instanceof Counter) metric.inc(values, value);
    else metric.set(values, value);
  };
  const add = <T>(family: Family<T>, source: T) => {
    for (const s of family.samples(source)) {
      set(
        family.name,
        family.help,
        family.type,
        [...family.identity(source), ...s.labels] as [string, string][],
        s.value,
      );
    }
  };
  for (const record of records) {
    for (const { family } of families.slotsFor(record.group, record.kind)) add(family, record);
  }
  for (const cluster of clusters) {
    for (const { family } of families.clusterSlots) add(family, clusterState(cluster, NOW, STALE_AFTER_MS));
  }
  return registry;
}

function seriesLines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
}

function sameLines(a: string[], b: string[]): boolean {
  const sortedB = [...b].sort();
  return a.length === b.length && [...a].sort().every((line, i) => line === sortedB[i]);
}

const round = (x: number) => (x < 1 ? Math.round(x * 1000) / 1000 : Math.round(x * 10) / 10);

/** Returns the figures bench/run.ts prints; about 30 s on one core. */
export async function benchMetrics(): Promise<Record<string, number | string>> {
  const records = makeRecords();
  // One cluster silent for an hour: stale, so its status_recorder_cluster_up is 0.
  const clusters = Array.from({ length: CLUSTERS }, (_, c) =>
    clusterRecord(clusterName(c), new Date(NOW - (c === 0 ? 3_600_000 : 10_000)).toISOString()),
  );

  const cache = new MetricsCache({ staleAfterMs: STALE_AFTER_MS, customFamilies: CUSTOM });
  let started = performance.now();
  for (const record of records) cache.upsert(record);
  cache.setClusters(clusters, NOW);
  const loadMs = performance.now() - started;

  const text = cache.render();
  const ours = seriesLines(text);
  const series = ours.length;
  // To bytes, as a response body needs them: a rope left by `+` would otherwise defer its cost to the caller.
  const renderMs = await bestMs(() => Buffer.from(cache.render()), 5);
  const openMetricsMs = await bestMs(() => Buffer.from(cache.render({ format: "openmetrics" })), 3);

  // /federate: a name selector prunes whole families; a label selector re-derives each candidate's samples.
  const byName = parseSelectors(['{__name__=~"argocd_.*|mco_.*"}']);
  const byLabel = parseSelectors(['status_recorder_object_health{health!="Healthy"}']);
  const federateNameMs = await bestMs(() => Buffer.from(cache.render({ filter: byName })), 2);
  const federateLabelMs = await bestMs(() => Buffer.from(cache.render({ filter: byLabel })), 3);
  // A list of values is compared as strings; any other regex runs on RE2 (re2js) per series.
  const byList = parseSelectors(['status_recorder_object_health{health=~"Degraded|Progressing"}']);
  const byRegex = parseSelectors(['status_recorder_object_health{namespace=~"team-[0-9]*7"}']);
  const federateListMs = await bestMs(() => Buffer.from(cache.render({ filter: byList })), 3);
  const federateRegexMs = await bestMs(() => Buffer.from(cache.render({ filter: byRegex })), 3);

  started = performance.now();
  const registry = promClientRegistry(records, clusters);
  const promLoadMs = performance.now() - started;
  const promText = await registry.metrics();
  const promLines = seriesLines(promText);
  const promMs = await bestMs(async () => Buffer.from(await registry.metrics()), 10);

  const per100k = renderMs / (series / 100_000);
  return {
    objects: records.length,
    series,
    "prom-client renders the same series": sameLines(ours, promLines) ? "yes" : "NO",
    "exposition MB": round(Buffer.byteLength(text) / 1e6),
    "cache load (upsert all) ms": round(loadMs),
    "render text to bytes ms": round(renderMs),
    "render openmetrics to bytes ms": round(openMetricsMs),
    "render ms per 100k series": round(per100k),
    "federate by name (argocd_, mco_) ms": round(federateNameMs),
    "federate by label (unhealthy objects) ms": round(federateLabelMs),
    "federate by label list (=~ Degraded|Progressing) ms": round(federateListMs),
    "federate by label regex (=~ team-[0-9]*7) ms": round(federateRegexMs),
    "prom-client load ms": round(promLoadMs),
    "prom-client metrics() to bytes ms": round(promMs),
    "prom-client / render": round(promMs / renderMs),
    "target ≤ 100 ms per 100k series": per100k <= 100 ? "met" : "NOT MET",
    "target ≥ 5× prom-client": promMs / renderMs >= 5 ? "met" : "NOT MET",
  };
}
