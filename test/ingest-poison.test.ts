import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { createIngestApp } from "../src/http/ingest-app.ts";
import { createReadApp } from "../src/http/read-app.ts";
import { batchAckSchema, type WireEvent } from "../src/model/wire.ts";
import { useTestTable } from "../src/store/testing/test-store.ts";
import { jsonOf } from "./support/responses.ts";
import { deltaBatch, deploymentEvent, signedRequest } from "./support/signed-request.ts";

// End to end at the ingest: a correctly signed, schema-valid batch holding poison next to ordinary
// events, through the DynamoDB adapter over dynalite, read back through the read app.

const table = useTestTable();
const now = new Date("2027-01-15T10:00:00Z");
const secret = "relay-s3cret-0123456789";
const observed = (seconds: number) => new Date(now.getTime() - 60_000 + seconds * 1000).toISOString();

async function setup() {
  const cluster = table.cluster();
  await table.store.createCluster(cluster, secret, now);
  const ingest = createIngestApp({ store: table.store, clock: () => now });
  const read = createReadApp({ store: table.store, clock: () => now, auth: { disabled: true } });
  const post = async (events: WireEvent[]) => {
    const body = JSON.stringify(deltaBatch(events));
    const { url, ...init } = signedRequest(`/v1/clusters/${cluster}/events`, body, {
      secret,
      now,
      gzip: true,
    });
    return ingest.request(url, init);
  };
  const get = async <T>(path: string) => jsonOf<T>(await read.request(`/v1/clusters/${cluster}${path}`));
  return { cluster, post, get, read };
}

const keptnMetric = (value: number): WireEvent => ({
  type: "UPSERT",
  object: { apiVersion: "metrics.keptn.sh/v1", kind: "KeptnMetric", namespace: "shop", name: "load" },
  status: { health: "Healthy", kstatus: "Current", message: "", values: { value } },
  resourceVersion: "700",
  observedAt: observed(1),
});

function bigBundle(state: string, rv: number): WireEvent {
  const components: Record<string, string> = {};
  for (let i = 0; i < 280; i++) components[`Pod/shop/${"c".repeat(80)}-${i}`] = state.repeat(1000);
  return {
    type: "UPSERT",
    object: {
      apiVersion: "k8splugin.io/v1alpha1",
      kind: "ResourceBundleState",
      namespace: "shop",
      name: "rbs",
    },
    status: { health: "Progressing", kstatus: "InProgress", message: "rolling out", components },
    resourceVersion: String(rv),
    observedAt: observed(rv - 700),
  };
}

function hugeLabels(): WireEvent {
  const labels: Record<string, string> = {};
  // Valid label keys (a 251-character DNS prefix, a name under 63): together past DynamoDB's 400 KB.
  const prefix = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(59)}`;
  for (let i = 0; i < 1200; i++) labels[`${prefix}/n${"x".repeat(55)}${i}`] = "v".repeat(63);
  return { ...deploymentEvent("labelled", 3), object: { ...deploymentEvent("labelled", 3).object, labels } };
}

const at = (event: WireEvent, seconds: number): WireEvent => ({ ...event, observedAt: observed(seconds) });

describe("the ingest given a signed batch holding poison next to ordinary events", () => {
  it("answers 200, applies the ordinary events, stores the odd ones marked or trimmed, and lists the rest as rejected", async () => {
    const { cluster, post, get, read } = await setup();
    const first = await post([bigBundle("a", 701)]);
    expect(first.status).toBe(200);
    const events = [
      at(deploymentEvent("web", 1), 2),
      keptnMetric(1e300),
      bigBundle("b", 702),
      hugeLabels(),
      { ...at(deploymentEvent("ahead", 4), 0), observedAt: "9999-12-31T23:59:59-23:59" },
      at(deploymentEvent("api", 5, "Degraded"), 5),
    ];
    const res = await post(events);
    expect(res.status).toBe(200);
    const ack = batchAckSchema.parse(await res.json());
    expect(ack).toMatchObject({ accepted: 4, stale: 0 });
    expect(ack.rejected).toEqual([
      { index: 3, reason: expect.stringContaining("the table refused its record") },
      { index: 4, reason: expect.stringContaining("more than 300 s ahead of the ingest's clock") },
    ]);

    const objects = await get<{ items: { name: string; status: { message: string } }[] }>("/objects");
    expect(objects.items.map((o) => o.name).sort()).toEqual(["api", "load", "rbs", "web"]);
    const metric = await get<{ value: number }>("/metrics/shop/load");
    expect(metric.value).toBe(1e300);
    const exposition = await (await read.request(`/metrics?cluster=${cluster}`)).text();
    expect(exposition).toMatch(/^keptn_metric_value\{.*name="load".*\} 1e\+300$/m);
    const bundle = objects.items.find((o) => o.name === "rbs");
    expect(bundle?.status.message).toMatch(
      /^rolling out \(\d+ components not recorded: status over the 128 KB budget\)$/,
    );
    const history = await get<{ items: unknown[] }>(
      "/history?group=k8splugin.io&kind=ResourceBundleState&namespace=shop&name=rbs",
    );
    expect(history.items).toHaveLength(2);

    for (const name of ["labelled", "ahead"]) {
      const stored = await table.db.client.send(
        new QueryCommand({
          TableName: table.db.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": { S: `H#${cluster}#apps#Deployment#default#${name}` } },
          ConsistentRead: true,
        }),
      );
      expect(stored.Count).toBe(0); // nothing half-written
    }
  });

  it("does not let a far-future observedAt freeze an object: a later real update is applied", async () => {
    const { post, get } = await setup();
    const frozen = {
      ...at(deploymentEvent("web", 1), 0),
      resourceVersion: "abc",
      observedAt: "9999-12-31T23:59:59-23:59",
    };
    const refused = batchAckSchema.parse(await (await post([frozen])).json());
    expect(refused.rejected.map((r) => r.index)).toEqual([0]);
    const real = batchAckSchema.parse(
      await (await post([at(deploymentEvent("web", 2, "Degraded"), 2)])).json(),
    );
    expect(real).toMatchObject({ accepted: 1, rejected: [] });
    const objects = await get<{ items: { status: { health: string } }[] }>("/objects");
    expect(objects.items.map((o) => o.status.health)).toEqual(["Degraded"]);
  });

  it("does not let a resourceVersion of 64 nines freeze an object: a later real update is applied", async () => {
    const { post, get } = await setup();
    await post([{ ...at(deploymentEvent("web", 1), 1), resourceVersion: "9".repeat(64) }]);
    const real = batchAckSchema.parse(
      await (await post([at(deploymentEvent("web", 2, "Degraded"), 2)])).json(),
    );
    expect(real).toMatchObject({ accepted: 1, stale: 0 });
    const objects = await get<{ items: { status: { health: string }; resourceVersion: string }[] }>(
      "/objects",
    );
    expect(objects.items).toMatchObject([{ status: { health: "Degraded" }, resourceVersion: "2" }]);
  });
});
