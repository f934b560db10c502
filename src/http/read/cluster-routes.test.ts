import { describe, expect, it } from "vitest";
import { validateStoredConfig } from "../../config/stored-config.ts";
import { storedReadSettings } from "../../read/stored-read-settings.ts";
import { at, DEGRADED, HEALTHY, PROGRESSING, upsert } from "../../store/testing/wire-events.ts";
import { bearer, getJson, useReadTable } from "./read-test-kit.ts";

const t = useReadTable();

interface Page {
  items: { name: string; status: { health: string } }[];
  cursor?: string;
}

describe("GET /v1/clusters", () => {
  it("lists clusters with last seen, relay version, staleness and counts by health", async () => {
    const fresh = await t.cluster(30);
    const stale = await t.cluster(3600);
    await t.record(fresh, [upsert("web", 1, HEALTHY), upsert("api", 1, DEGRADED), upsert("db", 1, HEALTHY)]);

    const res = await getJson<{ clusters: Record<string, unknown>[] }>(t.app(), "/v1/clusters");

    expect(res.status).toBe(200);
    expect(res.body.clusters.find((c) => c.name === fresh)).toEqual({
      name: fresh,
      relayVersion: "0.4.2",
      lastSeen: expect.any(String),
      lastContact: expect.any(String),
      stale: false,
      up: true,
      objects: { total: 3, byHealth: { Healthy: 2, Degraded: 1 } },
    });
    expect(res.body.clusters.find((c) => c.name === stale)).toMatchObject({ stale: true, up: false });
  });

  it("judges a cluster by its own staleAfter where its config overrides the fleet's, in /metrics too", async () => {
    const [patient, strict] = [await t.cluster(1800), await t.cluster(1800)];
    const { store } = t.table;
    await store.putConfig({}, "staleAfter: 5m", { staleAfter: "5m" }, at(0));
    await store.putConfig({ cluster: patient }, "staleAfter: 1h", { staleAfter: "1h" }, at(0));
    const settings = storedReadSettings({ store, clock: () => new Date(), validate: validateStoredConfig });
    const reported: number[] = [];
    const app = t.app({ settings, onStaleClusters: (count) => reported.push(count) });

    const res = await getJson<{ clusters: { name: string; stale: boolean }[] }>(app, "/v1/clusters");
    const metrics = await (await app.request("/metrics")).text();

    expect(res.body.clusters.find((c) => c.name === patient)).toMatchObject({ stale: false });
    expect(res.body.clusters.find((c) => c.name === strict)).toMatchObject({ stale: true });
    expect(metrics).toContain(`status_recorder_cluster_up{cluster="${patient}"} 1`);
    expect(metrics).toContain(`status_recorder_cluster_up{cluster="${strict}"} 0`);
    expect(reported).toEqual([res.body.clusters.filter((c) => c.stale).length]);
    await store.deleteConfig({ cluster: patient });
    await store.deleteConfig({});
  });

  it("lists only the clusters a token may read", async () => {
    const mine = await t.cluster();
    await t.cluster();
    const token = await t.token({ clusters: [mine] });

    const res = await getJson<{ clusters: { name: string }[] }>(
      t.app({ auth: undefined }),
      "/v1/clusters",
      bearer(token),
    );

    expect(res.body.clusters.map((c) => c.name)).toEqual([mine]);
  });
});

describe("GET /v1/clusters/{cluster}/objects", () => {
  it("pages through the objects with the cursor it hands out", async () => {
    const cluster = await t.cluster();
    await t.record(
      cluster,
      ["a", "b", "c"].map((name) => upsert(name, 1, HEALTHY)),
    );
    const app = t.app();

    const first = await getJson<Page>(app, `/v1/clusters/${cluster}/objects?limit=2`);
    const second = await getJson<Page>(
      app,
      `/v1/clusters/${cluster}/objects?limit=2&cursor=${first.body.cursor}`,
    );

    expect(first.body.items.map((o) => o.name)).toEqual(["a", "b"]);
    expect(second.body.items.map((o) => o.name)).toEqual(["c"]);
    expect(second.body.cursor).toBeUndefined();
  });

  it("filters by group, kind, namespace and health", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [
      upsert("web", 1, PROGRESSING),
      upsert("web", 1, PROGRESSING, { namespace: "shop" }),
      upsert("cache", 1, HEALTHY, { namespace: "shop" }),
      upsert("web", 1, PROGRESSING, { apiVersion: "v1", kind: "Service", namespace: "shop" }),
    ]);

    const res = await getJson<Page & { items: { kind: string; namespace: string }[] }>(
      t.app(),
      `/v1/clusters/${cluster}/objects?group=apps&kind=Deployment&namespace=shop&health=Progressing`,
    );

    expect(res.body.items).toEqual([
      expect.objectContaining({ kind: "Deployment", namespace: "shop", name: "web" }),
    ]);
  });

  it("answers 400 naming every bad parameter", async () => {
    const res = await getJson<{ issues: string[] }>(t.app(), "/v1/clusters/c1/objects?limit=0&health=Fine");

    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([expect.stringMatching(/^health: /), expect.stringMatching(/^limit: /)]);
  });

  it("answers 400 for a cursor it did not hand out", async () => {
    const res = await getJson(t.app(), "/v1/clusters/c1/objects?cursor=bm90LWEtY3Vyc29y");

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ message: expect.stringContaining("cursor is not valid") });
  });

  it("answers 400 for a cluster name that cannot exist", async () => {
    const res = await getJson<{ issues: string[] }>(t.app(), "/v1/clusters/Not_A_Cluster/objects");

    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([expect.stringMatching(/^cluster: /)]);
  });
});

describe("GET /v1/clusters/{cluster}/history", () => {
  it("pages through an object's transitions, newest first, by its fields", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [upsert("web", 1, PROGRESSING)]);
    await t.record(cluster, [upsert("web", 2, HEALTHY)]);
    await t.record(cluster, [upsert("web", 3, DEGRADED)]);
    const app = t.app();
    const path = `/v1/clusters/${cluster}/history?group=apps&kind=Deployment&namespace=default&name=web&limit=2`;

    const first = await getJson<{ objectKey: string; items: { to: { health: string } }[]; cursor: string }>(
      app,
      path,
    );
    const rest = await getJson<{ items: { to: { health: string } }[] }>(
      app,
      `${path}&cursor=${first.body.cursor}`,
    );

    expect(first.body.objectKey).toBe("apps#Deployment#default#web");
    expect(first.body.items.map((i) => i.to.health)).toEqual(["Degraded", "Healthy"]);
    expect(rest.body.items.map((i) => i.to.health)).toEqual(["Progressing"]);
  });

  it("finds an object by its objectKey", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [upsert("web", 1, HEALTHY)]);

    const res = await getJson<{ items: unknown[] }>(
      t.app(),
      `/v1/clusters/${cluster}/history?objectKey=${encodeURIComponent("apps#Deployment#default#web")}`,
    );

    expect(res.body.items).toHaveLength(1);
  });

  it("answers 404 with a hint when the object was never recorded (here: the group is missing)", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [upsert("web", 1, HEALTHY)]);

    const res = await getJson(
      t.app(),
      `/v1/clusters/${cluster}/history?kind=Deployment&namespace=default&name=web`,
    );

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: expect.stringContaining("Deployments need group=apps") });
  });

  it("answers 400 when it cannot tell which object is meant", async () => {
    const res = await getJson<{ issues: string[] }>(t.app(), "/v1/clusters/c1/history?namespace=default");

    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      "kind: required unless objectKey is given",
      "name: required unless objectKey is given",
    ]);
  });
});

describe("object keys at the read API", () => {
  interface History {
    objectKey: string;
    items: { to: { health: string } }[];
  }
  const historyOf = (cluster: string, query: string) =>
    getJson<History>(t.app(), `/v1/clusters/${cluster}/history?${query}`);

  it("finds the history of a name holding # by the objectKey the objects list gives", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [upsert("a#b", 1, DEGRADED)]);
    const listed = await getJson<{ items: { objectKey: string }[] }>(
      t.app(),
      `/v1/clusters/${cluster}/objects`,
    );
    const objectKey = listed.body.items[0]?.objectKey ?? "";

    const res = await historyOf(cluster, `objectKey=${encodeURIComponent(objectKey)}`);

    expect(objectKey).toBe("apps#Deployment#default#a%23b");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ objectKey, items: [{ to: { health: "Degraded" } }] });
  });

  it("finds the history of a name holding # by its fields", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [upsert("a#b", 1, DEGRADED)]);

    const res = await historyOf(
      cluster,
      `group=apps&kind=Deployment&namespace=default&name=${encodeURIComponent("a#b")}`,
    );

    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.to.health)).toEqual(["Degraded"]);
  });

  it("keeps namespace x#y name c and namespace x name y#c apart", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [
      upsert("c", 1, HEALTHY, { namespace: "x#y" }),
      upsert("y#c", 2, DEGRADED, { namespace: "x" }),
    ]);
    const by = (namespace: string, name: string) =>
      historyOf(
        cluster,
        `group=apps&kind=Deployment&namespace=${encodeURIComponent(namespace)}&name=${encodeURIComponent(name)}`,
      );

    const [first, second] = [await by("x#y", "c"), await by("x", "y#c")];

    expect(first.body.items.map((i) => i.to.health)).toEqual(["Healthy"]);
    expect(second.body.items.map((i) => i.to.health)).toEqual(["Degraded"]);
    expect(first.body.objectKey).not.toBe(second.body.objectKey);
  });

  it("lists group apps without the objects of group apps#Deployment", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [
      upsert("web", 1, HEALTHY),
      upsert("web", 2, DEGRADED, { apiVersion: "apps#Deployment/v1", kind: "X" }),
    ]);
    const list = (query: string) =>
      getJson<{ items: { group: string }[] }>(t.app(), `/v1/clusters/${cluster}/objects?${query}`);

    for (const query of [
      "group=apps",
      "group=apps&kind=Deployment",
      "group=apps&kind=Deployment&namespace=default",
    ])
      expect(
        (await list(query)).body.items.map((o) => o.group),
        query,
      ).toEqual(["apps"]);
  });
});
