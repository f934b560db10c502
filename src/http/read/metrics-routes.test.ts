import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { countWrites } from "../../../test/support/count-writes.ts";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { familyKey } from "../../metrics/custom-keys.ts";
import { MetricsCache } from "../../metrics/metrics-cache.ts";
import { MAX_SELECTOR_LENGTH, MAX_SELECTORS } from "../../metrics/selector-limits.ts";
import type { WireEvent } from "../../model/wire.ts";
import { readSettingsOf } from "../../read/read-settings.ts";
import { DEGRADED, delta, HEALTHY, upsert } from "../../store/testing/wire-events.ts";
import { bearer, NOW, objectEvent, useReadTable } from "./read-test-kit.ts";

const t = useReadTable();

// What Prometheus 2.x sends when it scrapes.
const PROMETHEUS_ACCEPT =
  "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Records a batch as the ingest does, at a chosen time (the kit's `record` always uses NOW). */
async function ingestAt(cluster: string, events: WireEvent[], when: Date): Promise<void> {
  await t.table.store.applyBatch(cluster, delta(events), when);
  const registered = await t.table.store.getCluster(cluster);
  if (!registered) throw new Error(`cluster ${cluster} is not registered`);
  await t.table.store.touchCluster(registered, { relayVersion: "0.4.2", at: when, changed: true });
}

async function get(app: ReturnType<typeof t.app>, path: string, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

const seriesOf = (text: string) => text.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe("GET /metrics", () => {
  it("renders the recorded objects and the cluster in the text format", async () => {
    const cluster = await t.cluster(30);
    await t.record(cluster, [objectEvent(loadFixture("argocd/v1beta1-available.yaml"), 7)]);

    const res = await get(t.app(), `/metrics?cluster=${cluster}`);

    expect(res.status).toBe(200);
    expect(res.type).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(seriesOf(res.text)).toEqual(
      expect.arrayContaining([
        `argocd_phase{cluster="${cluster}",namespace="openshift-gitops",name="openshift-gitops"} 3`,
        `status_recorder_object_health{cluster="${cluster}",group="argoproj.io",kind="ArgoCD",namespace="openshift-gitops",name="openshift-gitops",health="Healthy"} 1`,
        `status_recorder_cluster_up{cluster="${cluster}"} 1`,
      ]),
    );
    expect(res.text).toContain("# TYPE argocd_phase gauge\n");
  });

  it("answers Prometheus's Accept header with OpenMetrics", async () => {
    const cluster = await t.cluster();

    const res = await get(t.app(), `/metrics?cluster=${cluster}`, { accept: PROMETHEUS_ACCEPT });

    expect(res.type).toBe("application/openmetrics-text; version=1.0.0; charset=utf-8");
    expect(res.text).toMatch(/\n# EOF\n$/);
  });

  it("gzips the exposition for a client that accepts it", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [objectEvent(loadFixture("argocd/v1beta1-available.yaml"), 7)]);
    const app = t.app();
    const plain = await get(app, `/metrics?cluster=${cluster}`);

    const res = await app.request(`/metrics?cluster=${cluster}`, { headers: { "accept-encoding": "gzip" } });

    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8")).toBe(plain.text);
  });

  it("narrows to the cluster asked for", async () => {
    const [mine, other] = [await t.cluster(), await t.cluster()];
    await t.record(other, [upsert("api", 1, HEALTHY)]);

    const res = await get(t.app(), `/metrics?cluster=${mine}`);

    expect(res.text).toContain(`cluster="${mine}"`);
    expect(res.text).not.toContain(`cluster="${other}"`);
  });

  it("answers 404 for a cluster that is not registered", async () => {
    const res = await get(t.app(), "/metrics?cluster=nowhere");

    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({ message: 'cluster "nowhere" is not registered' });
  });

  it("answers 400 for a cluster name that cannot exist", async () => {
    const res = await get(t.app(), "/metrics?cluster=Not_A_Cluster");

    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).issues).toEqual([expect.stringMatching(/^cluster: /)]);
  });

  it("shows a transition at the next scrape, rendering only the object that changed", async () => {
    const cluster = await t.cluster();
    await ingestAt(cluster, [upsert("web", 1, HEALTHY), upsert("api", 1, HEALTHY)], later(1));
    let now = later(30);
    const app = t.app({ clock: () => now });
    await get(app, `/metrics?cluster=${cluster}`);
    await ingestAt(cluster, [upsert("web", 2, DEGRADED)], later(40));
    now = later(60);
    const upsertSpy = vi.spyOn(MetricsCache.prototype, "upsert");

    const res = await get(app, `/metrics?cluster=${cluster}`);

    expect(res.text).toContain(`name="web",health="Degraded"} 1`);
    expect(res.text).toContain(`name="api",health="Healthy"} 1`);
    expect(upsertSpy.mock.calls.map(([record]) => record.name)).toEqual(["web"]);
  });

  it("drops the series of a deleted object", async () => {
    const cluster = await t.cluster();
    await ingestAt(cluster, [upsert("web", 1, HEALTHY)], later(1));
    let now = later(30);
    const app = t.app({ clock: () => now });
    await get(app, `/metrics?cluster=${cluster}`);
    await ingestAt(cluster, [{ ...upsert("web", 2, HEALTHY), type: "DELETE" }], later(40));
    now = later(60);

    const res = await get(app, `/metrics?cluster=${cluster}`);

    expect(res.text).not.toContain('name="web"');
  });

  it("drops a removed cluster", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [upsert("web", 1, HEALTHY)]);
    const app = t.app();
    await get(app, "/metrics");
    await t.table.store.removeCluster(cluster);

    const res = await get(app, "/metrics");

    expect(res.text).not.toContain(`cluster="${cluster}"`);
  });

  it("costs one query for a warm scrape when nothing changed", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [upsert("web", 1, HEALTHY)]);
    const token = await t.token();
    // Late enough that every cluster's last change has settled, so no feed is read again.
    const app = t.app({ auth: undefined, clock: () => later(3600) });
    await get(app, "/metrics", bearer(token));
    const counter = countWrites(t.table.db.client);

    const res = await get(app, "/metrics", bearer(token));
    counter.stop();

    expect(res.status).toBe(200);
    expect(counter.byCommand).toEqual({ QueryCommand: 1 });
  });

  it("renders the custom families of the config", async () => {
    const cluster = await t.cluster();
    const widget = upsert(
      "w1",
      1,
      { ...HEALTHY, values: { [familyKey("widget_replicas")]: 3 } },
      {
        apiVersion: "example.com/v1",
        kind: "Widget",
      },
    );
    await t.record(cluster, [widget]);
    const metrics = [
      {
        name: "widget_replicas",
        help: "Replicas of a widget.",
        type: "gauge" as const,
        kind: "Widget",
        value: "values.replicas",
        labels: {},
      },
    ];

    const res = await get(t.app({ config: { metrics } }), `/metrics?cluster=${cluster}`);

    expect(seriesOf(res.text)).toContain(
      `widget_replicas{cluster="${cluster}",group="example.com",kind="Widget",namespace="default",name="w1"} 3`,
    );
  });
});

describe("/metrics when the config changes", () => {
  it("renders the families of new settings from the next scrape on, keeping what the mirror holds", async () => {
    const cluster = await t.cluster();
    const values = { [familyKey("widget_replicas")]: 3 };
    await t.record(cluster, [
      upsert("w1", 1, { ...HEALTHY, values }, { apiVersion: "example.com/v1", kind: "Widget" }),
    ]);
    const family = {
      name: "widget_replicas",
      help: "Replicas of a widget.",
      type: "gauge" as const,
      kind: "Widget",
      value: "values.replicas",
      labels: {},
    };
    let settings = readSettingsOf({}, new Map(), "r1");
    const app = t.app({ settings: () => Promise.resolve(settings) });
    const scrape = async () => (await get(app, `/metrics?cluster=${cluster}`)).text;

    expect(await scrape()).not.toContain("widget_replicas");
    settings = readSettingsOf({ metrics: [family] }, new Map(), "r2");
    expect(await scrape()).toContain(
      `widget_replicas{cluster="${cluster}",group="example.com",kind="Widget",namespace="default",name="w1"} 3`,
    );
    settings = readSettingsOf({}, new Map(), "r3");
    expect(await scrape()).not.toContain("widget_replicas");
  });
});

describe("reading /metrics with a token limited to some clusters", () => {
  it("leaves out every other cluster's series", async () => {
    const [mine, other] = [await t.cluster(), await t.cluster()];
    await t.record(mine, [upsert("web", 1, HEALTHY)]);
    await t.record(other, [upsert("api", 1, HEALTHY)]);
    const token = await t.token({ clusters: [mine] });

    const res = await get(t.app({ auth: undefined }), "/metrics", bearer(token));

    expect(res.status).toBe(200);
    expect(seriesOf(res.text).length).toBeGreaterThan(0);
    expect(seriesOf(res.text).every((line) => line.includes(`cluster="${mine}"`))).toBe(true);
  });

  it("answers 403 for another cluster", async () => {
    const [mine, other] = [await t.cluster(), await t.cluster()];
    const token = await t.token({ clusters: [mine] });

    const res = await get(t.app({ auth: undefined }), `/metrics?cluster=${other}`, bearer(token));

    expect(res.status).toBe(403);
  });

  it("answers 401 without a token", async () => {
    const res = await get(t.app({ auth: undefined }), "/metrics");

    expect(res.status).toBe(401);
  });
});

describe("GET /federate", () => {
  it("keeps the series any selector matches", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [upsert("web", 1, HEALTHY), upsert("api", 1, DEGRADED)]);
    const selectors = [
      `status_recorder_object_health{cluster="${cluster}",health!="Healthy"}`,
      `status_recorder_cluster_up{cluster="${cluster}"}`,
    ];
    const query = selectors.map((s) => `match[]=${encodeURIComponent(s)}`).join("&");

    const res = await get(t.app(), `/federate?${query}`);

    expect(res.status).toBe(200);
    expect(seriesOf(res.text)).toEqual([
      `status_recorder_object_health{cluster="${cluster}",group="apps",kind="Deployment",namespace="default",name="api",health="Degraded"} 1`,
      `status_recorder_cluster_up{cluster="${cluster}"} 1`,
    ]);
  });

  it("keeps only the clusters the token may read", async () => {
    const [mine, other] = [await t.cluster(), await t.cluster()];
    const token = await t.token({ clusters: [mine] });
    const match = encodeURIComponent('{__name__="status_recorder_cluster_up"}');

    const res = await get(t.app({ auth: undefined }), `/federate?match[]=${match}`, bearer(token));

    expect(seriesOf(res.text)).toEqual([`status_recorder_cluster_up{cluster="${mine}"} 1`]);
    expect(res.text).not.toContain(other);
  });

  it("answers 400 naming every bad selector", async () => {
    const bad = ["up[5m]", 'rate(x{a="b"}[1m])'].map((s) => `match[]=${encodeURIComponent(s)}`);

    const res = await get(t.app(), `/federate?${bad.join("&")}&match[]=up`);

    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).issues).toEqual([
      "match[]=up[5m]: expected a metric name and/or label matchers, got a range selector",
      'match[]=rate(x{a="b"}[1m]): expected a metric name and/or label matchers, got a function call',
    ]);
  });

  it("answers a selector that backtracks exponentially in RegExp, and serves the next request", async () => {
    // Issue 11: V8's RegExp took 6.6 s over a 25-character value here, doubling per character.
    const cluster = await t.cluster();
    const name = "web-0123456789abcdefghijklmnopqrstuvwxyz.a-b";
    await t.record(cluster, [upsert(name, 1, HEALTHY)]);
    const app = t.app();
    const never = encodeURIComponent('{name=~"([a-z0-9.-]*)*X"}');
    const always = encodeURIComponent(
      `status_recorder_object_health{cluster="${cluster}",name=~"([a-z0-9.-]*)*"}`,
    );

    const none = await get(app, `/federate?match[]=${never}`);
    const all = await get(app, `/federate?match[]=${always}`);
    const next = await get(app, `/metrics?cluster=${cluster}`);

    expect([none.status, seriesOf(none.text)]).toEqual([200, []]);
    expect(seriesOf(all.text)).toEqual([expect.stringContaining(`name="${name}"`)]);
    expect(next.status).toBe(200);
  }, 10_000);

  it("answers 400 naming a regex RE2 refuses", async () => {
    const match = encodeURIComponent('{name=~"web(?!-canary).*"}');

    const res = await get(t.app(), `/federate?match[]=${match}`);

    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).message).toBe(
      'invalid series selector match[]={name=~"web(?!-canary).*"}: label name: invalid regular expression "web(?!-canary).*": lookaround assertions such as `(?!` are not supported by RE2',
    );
  });

  it(`answers 400 to more than ${MAX_SELECTORS} selectors`, async () => {
    const query = Array.from({ length: MAX_SELECTORS + 1 }, () => "match[]=up").join("&");

    const res = await get(t.app(), `/federate?${query}`);

    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).message).toBe(
      `too many series selectors: ${MAX_SELECTORS + 1}, at most ${MAX_SELECTORS}`,
    );
  });

  it(`answers 400 to a selector longer than ${MAX_SELECTOR_LENGTH} characters`, async () => {
    const long = `up{name=~"${"a|".repeat(MAX_SELECTOR_LENGTH / 2)}b"}`;

    const res = await get(t.app(), `/federate?match[]=up&match[]=${encodeURIComponent(long)}`);

    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({
      message: `series selector longer than ${MAX_SELECTOR_LENGTH} characters: split or shorten it`,
      issues: [`match[] #2: ${long.length} characters, at most ${MAX_SELECTOR_LENGTH}`],
    });
  });

  it("answers 400 when no selector is given", async () => {
    const res = await get(t.app(), "/federate");

    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).message).toMatch(/at least one series selector/);
  });
});
