import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { deleted, HEALTHY, PROGRESSING, upsert } from "../../store/testing/wire-events.ts";
import { bearer, getJson, LABEL, objectEvent, useReadTable } from "./read-test-kit.ts";

const t = useReadTable();
let digs = 0;

/**
 * A deployment intent group whose apps carry `emco/deployment-id: {dig}-{app}`: app firewall on
 * clusters a and b, app sink on a, where sink's Deployment is still rolling out.
 */
async function deployed(options: { staleB?: boolean } = {}) {
  const dig = `vfw-dig-${++digs}`;
  const a = await t.cluster();
  const b = await t.cluster(options.staleB ? 3600 : 0);
  const label = (app: string) => ({ labels: { [LABEL]: `${dig}-${app}` } });
  await t.record(a, [
    upsert("fw0-firewall", 1, HEALTHY, label("firewall")),
    upsert("fw0-firewall", 1, HEALTHY, { ...label("firewall"), apiVersion: "v1", kind: "Service" }),
    upsert("fw0-sink", 1, PROGRESSING, label("sink")),
    upsert("unrelated", 1, HEALTHY),
  ]);
  await t.record(b, [upsert("fw0-firewall", 1, HEALTHY, label("firewall"))]);
  const path = `/v2/projects/testvfw/composite-apps/compositevfw/v1/deployment-intent-groups/${dig}/status`;
  return { dig, a, b, path };
}

type Reply = Record<string, unknown> & {
  apps?: { name: string; clusters: { cluster: string; resources: Record<string, unknown>[] }[] }[];
};

describe("EMCO deployment intent group status", () => {
  it("answers output=all by default: resources by app and cluster, their readiness and its counts", async () => {
    const { dig, a, b, path } = await deployed();

    const res = await getJson<Reply>(t.app(), path);

    expect(res.status).toBe(200);
    const deployment = { Group: "apps", Version: "v1", Kind: "Deployment" };
    expect(res.body).toEqual({
      project: "testvfw",
      compositeApp: "compositevfw",
      compositeAppVersion: "v1",
      name: dig,
      states: { statusctxid: dig, actions: [] },
      deployedStatus: "Instantiated",
      readyStatus: "NotReady",
      readyCounts: { Ready: 3, NotReady: 1 },
      apps: [
        {
          name: "firewall",
          clusters: [
            {
              clusterProvider: "status-recorder",
              cluster: a,
              connectivity: "Available",
              resources: [
                { GVK: deployment, name: "fw0-firewall", readyStatus: "Ready" },
                {
                  GVK: { Group: "", Version: "v1", Kind: "Service" },
                  name: "fw0-firewall",
                  readyStatus: "Ready",
                },
              ],
            },
            {
              clusterProvider: "status-recorder",
              cluster: b,
              connectivity: "Available",
              resources: [{ GVK: deployment, name: "fw0-firewall", readyStatus: "Ready" }],
            },
          ],
        },
        {
          name: "sink",
          clusters: [
            {
              clusterProvider: "status-recorder",
              cluster: a,
              connectivity: "Available",
              resources: [{ GVK: deployment, name: "fw0-sink", readyStatus: "NotReady" }],
            },
          ],
        },
      ],
    });
  });

  it("answers output=summary with the counts and no resources", async () => {
    const { path } = await deployed();

    const res = await getJson<Reply>(t.app(), `${path}?output=summary`);

    expect(res.body).toMatchObject({ readyStatus: "NotReady", readyCounts: { Ready: 3, NotReady: 1 } });
    expect(res.body.apps).toBeUndefined();
  });

  it("answers output=detail with each resource's recorded status", async () => {
    const { path } = await deployed();

    const res = await getJson<Reply>(t.app(), `${path}?output=detail&app=sink`);

    expect(res.body.apps?.[0]?.clusters[0]?.resources[0]).toMatchObject({
      name: "fw0-sink",
      readyStatus: "NotReady",
      detail: {
        namespace: "default",
        health: "Progressing",
        kstatus: "InProgress",
        message: expect.stringContaining("Waiting for rollout"),
        observedAt: expect.any(String),
        lastTransitionAt: expect.any(String),
      },
    });
  });

  it("is Ready only when every resource is Ready", async () => {
    const { path } = await deployed();

    const res = await getJson<Reply>(t.app(), `${path}?app=firewall&output=summary`);

    expect(res.body).toMatchObject({ readyStatus: "Ready", readyCounts: { Ready: 3 } });
  });

  it("answers status=deployed with what is there: deployedStatus and deployedCounts", async () => {
    const { a, dig, path } = await deployed();
    await t.record(a, [deleted("fw0-sink", 2, { labels: { [LABEL]: `${dig}-sink` } })]);

    const res = await getJson<Reply>(t.app(), `${path}?status=deployed&app=sink`);

    expect(res.body).toMatchObject({ deployedStatus: "Terminated", deployedCounts: { Deleted: 1 } });
    expect(res.body.readyStatus).toBeUndefined();
    expect(res.body.apps?.[0]?.clusters[0]?.resources[0]).toMatchObject({ deployedStatus: "Deleted" });
  });

  it("reports a deleted resource as NotPresent", async () => {
    const { a, dig, path } = await deployed();
    await t.record(a, [deleted("fw0-sink", 2, { labels: { [LABEL]: `${dig}-sink` } })]);

    const res = await getJson<Reply>(t.app(), `${path}?app=sink&output=summary`);

    expect(res.body).toMatchObject({ readyStatus: "NotReady", readyCounts: { NotPresent: 1 } });
  });

  it("answers type=cluster with EMCO's deprecated field names", async () => {
    const { path } = await deployed();

    const res = await getJson<Reply>(t.app(), `${path}?type=cluster&app=sink`);

    expect(res.body).toMatchObject({
      status: "Instantiated",
      readyStatus: "NotReady",
      clusterStatus: { NotReady: 1 },
    });
    expect(res.body.apps?.[0]?.clusters[0]).toMatchObject({
      readyStatus: "Available",
      resources: [expect.objectContaining({ clusterStatus: "NotReady" })],
    });
  });

  it("answers type=rsync with rsyncStatus, as EMCO did before 22.03", async () => {
    const { path } = await deployed();

    const res = await getJson<Reply>(t.app(), `${path}?type=rsync&app=sink`);

    expect(res.body).toMatchObject({ status: "Instantiated", rsyncStatus: { Applied: 1 } });
    expect(res.body.apps?.[0]?.clusters[0]?.resources[0]).toMatchObject({ rsyncStatus: "Applied" });
  });

  it("never shows a stale cluster Ready: its resources are Unknown and so is its connectivity", async () => {
    const { b, path } = await deployed({ staleB: true });

    const res = await getJson<Reply>(t.app(), `${path}?app=firewall`);

    expect(res.body).toMatchObject({ readyStatus: "NotReady", readyCounts: { Ready: 2, Unknown: 1 } });
    expect(res.body.apps?.[0]?.clusters.find((c) => c.cluster === b)).toMatchObject({
      connectivity: "Unknown",
      resources: [expect.objectContaining({ readyStatus: "Unknown" })],
    });
  });

  it("narrows to clusters given by name or as EMCO's provider+name, and to resources by name", async () => {
    const { a, b, path } = await deployed();

    const byCluster = await getJson<Reply>(
      t.app(),
      `${path}?cluster=${b}&cluster=${encodeURIComponent(`p1+${a}`)}&app=firewall`,
    );
    const byResource = await getJson<Reply>(t.app(), `${path}?cluster=${a}&resource=fw0-sink&output=summary`);

    expect(byCluster.body.apps?.[0]?.clusters.map((c) => c.cluster)).toEqual([a, b].sort());
    expect(byResource.body).toMatchObject({ readyCounts: { NotReady: 1 } });
  });

  it("reads the resources a ResourceBundleState reports, for an EMCO AppContext id given as instance", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [objectEvent(loadFixture("resourcebundlestate/pod-crashloop.yaml"), 93322054)]);
    const path = "/v2/projects/p/composite-apps/vfw/v1/deployment-intent-groups/vfw-dig/status";

    const res = await getJson<Reply>(t.app(), `${path}?instance=5120369974563891402&cluster=${cluster}`);

    expect(res.body).toMatchObject({ readyStatus: "NotReady", readyCounts: { Ready: 2, NotReady: 2 } });
    const resources = res.body.apps?.[0]?.clusters[0]?.resources ?? [];
    expect(resources.map((r) => [r.name, r.readyStatus])).toEqual([
      ["fw0-firewall-configmap", "Ready"],
      ["fw0-firewall", "NotReady"],
      ["fw0-firewall-6b8c7d9f54-zt7wq", "NotReady"],
      ["fw0-firewall", "Ready"],
    ]);
    expect(resources[2]).toMatchObject({ GVK: { Group: "", Version: "v1", Kind: "Pod" } });
  });

  it("prefers an object's own record over what a ResourceBundleState says of it", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [
      objectEvent(loadFixture("resourcebundlestate/pod-crashloop.yaml"), 93322054),
      upsert("fw0-firewall", 93322060, HEALTHY, {
        namespace: "vfw",
        labels: { [LABEL]: "5120369974563891402-firewall" },
      }),
    ]);
    const path = "/v2/projects/p/composite-apps/vfw/v1/deployment-intent-groups/vfw-dig/status";

    const res = await getJson<Reply>(
      t.app(),
      `${path}?instance=5120369974563891402&cluster=${cluster}&resource=fw0-firewall`,
    );

    const resources = res.body.apps?.[0]?.clusters[0]?.resources ?? [];
    expect(resources.map((r) => [(r.GVK as { Kind: string }).Kind, r.readyStatus])).toEqual([
      ["Deployment", "Ready"],
      ["Service", "Ready"],
    ]);
  });
});

describe("EMCO list queries", () => {
  it("list the apps, ignoring filters, before anything else", async () => {
    const { path } = await deployed();

    const res = await getJson(t.app(), `${path}?apps&clusters&app=sink`);

    expect(res.body).toMatchObject({ apps: ["firewall", "sink"] });
    expect(res.body.clustersByApp).toBeUndefined();
  });

  it("list the clusters of each app asked for", async () => {
    const { a, b, path } = await deployed();

    const res = await getJson(t.app(), `${path}?clusters&app=firewall`);

    expect(res.body.clustersByApp).toEqual([
      {
        app: "firewall",
        clusters: [a, b].sort().map((cluster) => ({ clusterProvider: "status-recorder", cluster })),
      },
    ]);
  });

  it("list the resources of each app and cluster asked for", async () => {
    const { a, path } = await deployed();

    const res = await getJson(t.app(), `${path}?resources&cluster=${a}&app=firewall`);

    expect(res.body.resourcesByApp).toEqual([
      {
        app: "firewall",
        clusterProvider: "status-recorder",
        cluster: a,
        resources: [
          { name: "fw0-firewall", GVK: { Group: "apps", Version: "v1", Kind: "Deployment" } },
          { name: "fw0-firewall", GVK: { Group: "", Version: "v1", Kind: "Service" } },
        ],
      },
    ]);
  });
});

describe("EMCO status refuses what it cannot answer", () => {
  it("with 404 when no recorded object carries the group's label", async () => {
    const res = await getJson(
      t.app(),
      "/v2/projects/p/composite-apps/c/v1/deployment-intent-groups/nobody/status",
    );

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: expect.stringContaining("emco/deployment-id=nobody-<app>") });
  });

  it("with 400 for an app filter naming no app of the group", async () => {
    const { path } = await deployed();

    const res = await getJson<{ issues: string[] }>(t.app(), `${path}?app=ghost`);

    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([expect.stringMatching(/^app: "ghost" is not an app/)]);
  });

  it("with 400 listing an unknown output level and status", async () => {
    const res = await getJson<{ issues: string[] }>(
      t.app(),
      "/v2/projects/p/composite-apps/c/v1/deployment-intent-groups/d/status?output=everything&status=green",
    );

    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([expect.stringMatching(/^output: /), expect.stringMatching(/^status: /)]);
  });

  it("with 403 when the token cannot read every cluster in scope, until the query narrows to its own", async () => {
    const { a, path } = await deployed();
    const token = await t.token({ clusters: [a] });
    const app = t.app({ auth: undefined });

    const wide = await getJson(app, path, bearer(token));
    const narrowed = await getJson(app, `${path}?cluster=${a}`, bearer(token));

    expect(wide.status).toBe(403);
    expect(wide.body).toMatchObject({ message: expect.stringContaining("narrow the query with cluster=") });
    expect(narrowed.status).toBe(200);
  });
});
