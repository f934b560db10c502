import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { errorOf, jsonOf } from "../../test/support/responses.ts";
import { deltaBatch, deploymentEvent, signedRequest } from "../../test/support/signed-request.ts";
import { useTestTable } from "../store/testing/test-store.ts";
import { createIngestApp } from "./ingest-app.ts";

const table = useTestTable();
const now = new Date("2027-01-15T10:00:00Z");
const clock = () => now;

async function registered(secret = "s3cret-0123456789") {
  const cluster = table.cluster();
  await table.store.createCluster(cluster, secret, now);
  return { cluster, app: createIngestApp({ store: table.store, clock }) };
}

async function post(
  app: ReturnType<typeof createIngestApp>,
  cluster: string,
  body: string | Uint8Array,
  opts: Parameters<typeof signedRequest>[2],
) {
  const { url, ...init } = signedRequest(`/v1/clusters/${cluster}/events`, body, { now, ...opts });
  return app.request(url, init);
}

async function storedCount(cluster: string) {
  return (await table.store.listObjects(cluster)).items.length;
}

describe("POST /v1/clusters/{cluster}/events", () => {
  it("stores a signed batch and acknowledges it with the config revision", async () => {
    const { cluster, app } = await registered();
    const res = await post(app, cluster, JSON.stringify(deltaBatch([deploymentEvent("web", 1)])), {
      secret: "s3cret-0123456789",
    });
    expect(res.status).toBe(200);
    const ack = await jsonOf<{ configRevision: unknown }>(res);
    expect(ack).toMatchObject({ accepted: 1, stale: 0, rejected: [] });
    expect(typeof ack.configRevision).toBe("string");
    expect(await storedCount(cluster)).toBe(1);
  });

  it("accepts a gzip body signed over its compressed bytes", async () => {
    const { cluster, app } = await registered();
    const res = await post(app, cluster, JSON.stringify(deltaBatch([deploymentEvent("web", 1)])), {
      secret: "s3cret-0123456789",
      gzip: true,
    });
    expect(res.status).toBe(200);
    expect(await storedCount(cluster)).toBe(1);
  });

  it("counts a replayed batch as stale and changes nothing", async () => {
    const { cluster, app } = await registered();
    const body = JSON.stringify(deltaBatch([deploymentEvent("web", 1)]));
    await post(app, cluster, body, { secret: "s3cret-0123456789" });
    const res = await post(app, cluster, body, { secret: "s3cret-0123456789" });
    expect(await jsonOf(res)).toMatchObject({ accepted: 0, stale: 1 });
  });

  it("records the relay as seen", async () => {
    const { cluster, app } = await registered();
    await post(app, cluster, JSON.stringify(deltaBatch([])), { secret: "s3cret-0123456789" });
    expect(await table.store.getCluster(cluster)).toMatchObject({
      relayVersion: "test",
      lastSeen: now.toISOString(),
    });
  });

  it("marks the cluster changed when a batch wrote records, so change-feed readers look", async () => {
    const { cluster, app } = await registered();
    await post(app, cluster, JSON.stringify(deltaBatch([deploymentEvent("web", 1)])), {
      secret: "s3cret-0123456789",
    });
    expect((await table.store.getCluster(cluster))?.lastChangedAt).toBe(now.toISOString());
  });

  it("leaves the change marker alone when a batch changed nothing", async () => {
    const { cluster, app } = await registered();
    await post(app, cluster, JSON.stringify(deltaBatch([])), { secret: "s3cret-0123456789" });
    expect((await table.store.getCluster(cluster))?.lastChangedAt).toBeUndefined();
  });
});

describe("POST /v1/clusters/{cluster}/events refuses bad input and stores nothing", () => {
  const body = JSON.stringify(deltaBatch([deploymentEvent("web", 1)]));

  // Which refusals look alike is src/http/ingest-auth.test.ts's concern; here, that none stores anything.
  it.each([
    ["a wrong secret", { secret: "wrong" }],
    ["a timestamp 301 s old", { secret: "s3cret-0123456789", timestamp: now.getTime() / 1000 - 301 }],
    ["no signature", { secret: "s3cret-0123456789", headers: { "x-status-recorder-signature": "" } }],
  ])("answers 401 for %s", async (_what, opts) => {
    const { cluster, app } = await registered();
    const res = await post(app, cluster, body, opts);
    expect(res.status).toBe(401);
    expect(await storedCount(cluster)).toBe(0);
  });

  it("answers 401 for a cluster that is not registered", async () => {
    const { app } = await registered();
    const res = await post(app, "nobody", body, { secret: "s3cret-0123456789" });
    expect(res.status).toBe(401);
  });

  it("answers 401 when cluster A's secret posts to cluster B", async () => {
    const a = await registered("secret-a-0123456789");
    const b = await registered("secret-b-0123456789");
    const res = await post(b.app, b.cluster, body, { secret: "secret-a-0123456789" });
    expect(res.status).toBe(401);
    expect(await storedCount(b.cluster)).toBe(0);
    expect(await storedCount(a.cluster)).toBe(0);
  });

  it("answers 400 for malformed JSON", async () => {
    const { cluster, app } = await registered();
    const res = await post(app, cluster, "{not json", { secret: "s3cret-0123456789" });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain("not valid JSON");
  });

  it("answers 400 listing every path that breaks the schema", async () => {
    const { cluster, app } = await registered();
    const bad = deltaBatch([deploymentEvent("web", 1)]) as unknown as Record<string, unknown>;
    bad.mode = "sideways";
    (bad.events as Record<string, unknown>[])[0] = {
      ...(bad.events as Record<string, unknown>[])[0],
      status: { health: "Fine" },
    };
    const res = await post(app, cluster, JSON.stringify(bad), { secret: "s3cret-0123456789" });
    expect(res.status).toBe(400);
    const reply = await errorOf(res);
    expect(reply.issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^mode: /),
        expect.stringMatching(/^events\.0\.status\.health: /),
      ]),
    );
    expect(await storedCount(cluster)).toBe(0);
  });

  it("answers 400 for a snapshot part whose listing began beyond the clock window", async () => {
    const { cluster, app } = await registered();
    const part = {
      ...deltaBatch([deploymentEvent("web", 1)]),
      mode: "snapshot",
      snapshot: {
        id: "s1",
        part: 0,
        last: true,
        kinds: ["apps/Deployment"],
        listedAt: new Date(now.getTime() + 301_000).toISOString(),
      },
    };
    const res = await post(app, cluster, JSON.stringify(part), { secret: "s3cret-0123456789" });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues).toEqual([
      expect.stringMatching(/^snapshot\.listedAt: .* more than 300 s ahead/),
    ]);
    expect(await storedCount(cluster)).toBe(0);
  });

  it("answers 413 for a body over 1 MiB after decompression", async () => {
    const { cluster, app } = await registered();
    const huge = JSON.stringify({ ...deltaBatch([]), configRevision: "x".repeat(2 * 1024 * 1024) });
    const res = await post(app, cluster, huge, { secret: "s3cret-0123456789", gzip: true });
    expect(res.status).toBe(413);
  });

  it("answers 400 for a body that says gzip but is not", async () => {
    const { cluster, app } = await registered();
    const res = await post(app, cluster, body, {
      secret: "s3cret-0123456789",
      headers: { "content-encoding": "gzip" },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toBe("body is not valid gzip");
  });

  it("answers 400 for a cluster name that cannot exist", async () => {
    const { app } = await registered();
    const res = await post(app, "Bad_Name", gzipSync(body), { secret: "s3cret-0123456789" });
    expect(res.status).toBe(400);
  });
});

describe("GET /v1/clusters/{cluster}/config", () => {
  it("returns the effective config with an ETag, and 304 when the relay has it", async () => {
    const { cluster, app } = await registered();
    await table.store.putConfig({ cluster }, "staleAfter: 2m\n", { staleAfter: "2m" }, now);
    const first = signedRequest(`/v1/clusters/${cluster}/config`, undefined, {
      secret: "s3cret-0123456789",
      now,
    });
    const res = await app.request(first.url, first);
    expect(res.status).toBe(200);
    const etag = res.headers.get("etag");
    expect(await jsonOf(res)).toMatchObject({ config: { staleAfter: "2m" } });
    const again = signedRequest(`/v1/clusters/${cluster}/config`, undefined, {
      secret: "s3cret-0123456789",
      now,
      headers: { "if-none-match": etag ?? "" },
    });
    expect((await app.request(again.url, again)).status).toBe(304);
  });

  it("refuses a request not signed by the cluster", async () => {
    const { cluster, app } = await registered();
    const req = signedRequest(`/v1/clusters/${cluster}/config`, undefined, { secret: "other", now });
    expect((await app.request(req.url, req)).status).toBe(401);
  });
});
