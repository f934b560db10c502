import { describe, expect, it } from "vitest";
import { MetricsCache } from "./metrics-cache.ts";
import { parseSelectors } from "./selectors.ts";
import { clusterRecord, storedObject } from "./testing/stored-object.ts";

const NOW = Date.parse("2025-03-01T10:10:00Z");

function cacheWith(...records: ReturnType<typeof storedObject>[]) {
  const cache = new MetricsCache({ staleAfterMs: 300_000 });
  for (const record of records) cache.upsert(record);
  return cache;
}

const web = storedObject("apps/v1", "Deployment", "web", { health: "Progressing" }, { namespace: "shop" });
const api = storedObject("apps/v1", "Deployment", "api", {}, { namespace: "shop", cluster: "prod-us" });
const pool = storedObject("machineconfiguration.openshift.io/v1", "MachineConfigPool", "worker", {
  values: { machineCount: 3 },
});

function seriesLines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
}

describe("MetricsCache", () => {
  it("replaces an object's series when it changes, so its old health is gone", () => {
    const cache = cacheWith(web);

    cache.upsert({ ...web, status: { ...web.status, health: "Healthy" }, transitions: 2 });

    const text = cache.render();
    expect(text).toContain('namespace="shop",name="web",health="Healthy"} 1\n');
    expect(text).not.toContain('health="Progressing"');
    expect(text).toContain(
      'status_recorder_object_transitions_total{cluster="prod-eu",group="apps",kind="Deployment",namespace="shop",name="web"} 2\n',
    );
  });

  it("drops every series of a removed object and the families left empty", () => {
    const cache = cacheWith(web, pool);

    cache.remove(pool);

    const text = cache.render();
    expect(text).not.toContain("worker");
    expect(text).not.toContain("# HELP mco_machine_count");
  });

  it("renders a tombstone as no series at all: the object is gone", () => {
    const cache = cacheWith(web);

    cache.upsert({
      ...web,
      status: { health: "Missing", kstatus: "NotFound", message: "Object was deleted" },
    });

    expect(cache.render()).toBe("");
  });

  it("still renders an object Argo CD calls Missing that kstatus still sees", () => {
    const cache = cacheWith({ ...web, status: { health: "Missing", kstatus: "Current", message: "" } });

    expect(cache.render()).toContain('name="web",health="Missing"} 1\n');
  });

  it("renders an empty OpenMetrics exposition as # EOF alone", () => {
    expect(new MetricsCache({ staleAfterMs: 1 }).render({ format: "openmetrics" })).toBe("# EOF\n");
  });

  it("writes each family's headers once, with its series together, clusters in name order", () => {
    const cache = cacheWith(api, web);

    const text = cache.render();

    expect(text.match(/# HELP status_recorder_object_health /g)).toHaveLength(1);
    expect(text.match(/# TYPE /g)).toHaveLength(3);
    const health = seriesLines(text).filter((line) => line.startsWith("status_recorder_object_health{"));
    expect(health.map((line) => /cluster="([^"]*)"/.exec(line)?.[1])).toEqual(["prod-eu", "prod-us"]);
  });

  it("narrows to one cluster, cluster families included", () => {
    const cache = cacheWith(api, web);
    const down = cache.setClusters(
      [clusterRecord("prod-eu", "2025-03-01T10:09:00Z"), clusterRecord("prod-us")],
      NOW,
    );

    const text = cache.render({ cluster: "prod-us" });

    expect(down).toBe(1);
    expect(text).not.toContain('cluster="prod-eu"');
    expect(text).toContain('status_recorder_cluster_up{cluster="prod-us"} 0\n');
    expect(text).toContain('name="api"');
  });

  it("renders nothing for a cluster it has never heard of", () => {
    expect(cacheWith(web).render({ cluster: "nowhere" })).toBe("");
  });

  it("escapes backslashes, quotes and newlines in label values", () => {
    const odd = storedObject("example.com/v1", "Widget", 'a"b\\c\nd', {}, { namespace: "ns" });

    const text = cacheWith(odd).render();

    expect(text).toContain('name="a\\"b\\\\c\\nd",health="Healthy"} 1\n');
  });

  it("never renders the same series twice", () => {
    const cache = cacheWith(web, api, pool, web, { ...web, status: { ...web.status, health: "Degraded" } });
    cache.setClusters([clusterRecord("prod-eu"), clusterRecord("prod-eu")], NOW);

    const series = seriesLines(cache.render()).map((line) => line.slice(0, line.lastIndexOf(" ")));

    expect(new Set(series).size).toBe(series.length);
  });
});

describe("MetricsCache.render with a federation filter", () => {
  const cache = cacheWith(web, api, pool);
  cache.setClusters([clusterRecord("prod-eu", "2025-03-01T10:09:00Z")], NOW);

  it("keeps the union of what the selectors match", () => {
    const filter = parseSelectors([
      "mco_machine_count",
      'status_recorder_object_health{health="Progressing"}',
    ]);

    const lines = seriesLines(cache.render({ filter }));

    expect(lines).toEqual([
      'status_recorder_object_health{cluster="prod-eu",group="apps",kind="Deployment",namespace="shop",name="web",health="Progressing"} 1',
      'mco_machine_count{cluster="prod-eu",pool="worker"} 3',
    ]);
  });

  it("matches a label the series does not have as the empty string", () => {
    const filter = parseSelectors(['{__name__=~"status_recorder_cluster_.*", namespace=""}']);

    const lines = seriesLines(cache.render({ filter }));

    expect(lines).toEqual([
      'status_recorder_cluster_last_seen_timestamp_seconds{cluster="prod-eu"} 1740823740',
      'status_recorder_cluster_up{cluster="prod-eu"} 1',
    ]);
  });

  it("selects by cluster without looking at other labels", () => {
    const filter = parseSelectors(['{cluster="prod-us"}']);

    const lines = seriesLines(cache.render({ filter }));

    expect(lines).toHaveLength(3);
    expect(lines.every((line) => line.includes('cluster="prod-us"'))).toBe(true);
  });

  it("leaves out families none of whose series match, headers included", () => {
    const filter = parseSelectors(['mco_machine_count{pool="infra"}']);

    expect(cache.render({ filter, format: "openmetrics" })).toBe("# EOF\n");
  });

  it("keeps nothing for an empty list of selectors, as Prometheus does", () => {
    expect(cache.render({ filter: [] })).toBe("");
  });
});
