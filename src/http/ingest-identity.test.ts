import { describe, expect, it } from "vitest";
import { errorOf } from "../../test/support/responses.ts";
import { deltaBatch, deploymentEvent, signedRequest } from "../../test/support/signed-request.ts";
import type { EventBatch } from "../model/wire.ts";
import { useTestTable } from "../store/testing/test-store.ts";
import { createIngestApp } from "./ingest-app.ts";

// What Kubernetes would refuse, the ingest refuses at its edge with a 400 naming the field, before
// anything is stored; and a snapshot part number beyond the bound is refused, not walked.

const table = useTestTable();
const now = new Date("2027-01-15T10:00:00Z");

async function post(batch: unknown) {
  const cluster = table.cluster();
  await table.store.createCluster(cluster, "s3cret-0123456789", now);
  const app = createIngestApp({ store: table.store, clock: () => now });
  const { url, ...init } = signedRequest(`/v1/clusters/${cluster}/events`, JSON.stringify(batch), {
    secret: "s3cret-0123456789",
    now,
  });
  const res = await app.request(url, init);
  return { res, stored: async () => (await table.store.listObjects(cluster)).items.length };
}

const withObject = (object: Record<string, unknown>) => {
  const good = deploymentEvent("web", 2);
  return deltaBatch([deploymentEvent("ok", 1), { ...good, object: { ...good.object, ...object } }]);
};

describe("the ingest's identity check", () => {
  it.each([
    ["namespace", { namespace: "x#y" }],
    ["name", { name: "\ud800" }],
    ["name", { name: "\udc00" }],
    ["name", { name: "a/b" }],
    ["apiVersion", { apiVersion: "apps#Deployment/v1" }],
    ["kind", { kind: "Deploy#ment" }],
    ["uid", { uid: "\udfff" }],
    ["labels.-app", { labels: { "-app": "web" } }],
  ])("answers 400 naming events[1].object.%s and stores nothing", async (field, object) => {
    const { res, stored } = await post(withObject(object));

    expect(res.status).toBe(400);
    const issues = (await errorOf(res)).issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.startsWith(`events.1.object.${field}: `), issue).toBe(true);
    expect(await stored()).toBe(0);
  });

  it("stores a name Kubernetes allows though it holds # and a newline", async () => {
    const { res, stored } = await post(withObject({ name: "system:a#b\nc" }));

    expect(res.status).toBe(200);
    expect(await stored()).toBe(2);
  });
});

describe("the ingest's snapshot part bound", () => {
  const lastPart = (part: number): EventBatch => ({
    ...deltaBatch([]),
    mode: "snapshot",
    snapshot: { id: "s1", part, last: true, kinds: ["apps/Deployment"], listedAt: now.toISOString() },
  });

  it.each([2 ** 53 - 1, 5_000_000])("answers 400 naming snapshot.part for part %d", async (part) => {
    // Refused by the schema's bound, before anything counts parts (it once took 6 s and 2.7 GB).
    const { res } = await post(lastPart(part));

    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues).toEqual([expect.stringMatching(/^snapshot\.part: /)]);
  });

  it("answers a short 409 for a last part at the bound whose earlier parts never came", async () => {
    const { res } = await post(lastPart(999_999));

    expect(res.status).toBe(409);
    const body = await res.text();
    expect(body.length).toBeLessThan(300);
    expect(body).toContain("missing 999999 parts: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 999989 more");
  });
});
