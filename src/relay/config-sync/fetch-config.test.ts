import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestTable } from "../../store/testing/test-store.ts";
import { configUrl, type FetchConfigRequest, fetchConfig } from "./fetch-config.ts";
import { type ConfigEndpoint, startConfigEndpoint } from "./testing/config-endpoint.ts";
import { type ServedIngest, serveIngest } from "./testing/ingest-with-clock.ts";

const table = useTestTable();
const SECRET = "fetch-s3cret-0123456789";
let ingest: ServedIngest;
let endpoint: ConfigEndpoint;

beforeAll(async () => {
  ingest = await serveIngest(table.store, Date.now);
  endpoint = await startConfigEndpoint(ingest.url);
});

afterAll(async () => {
  await endpoint.close();
  await ingest.close();
});

async function clusterWithConfig(document: Record<string, unknown>): Promise<string> {
  const cluster = table.cluster();
  await table.store.createCluster(cluster, SECRET, new Date());
  await table.store.putConfig({ cluster }, JSON.stringify(document), document, new Date());
  return cluster;
}

function request(cluster: string, overrides: Partial<FetchConfigRequest> = {}): FetchConfigRequest {
  return {
    endpoint: ingest.url,
    cluster,
    secret: SECRET,
    etag: undefined,
    userAgent: "status-recorder-relay/test",
    fetch: globalThis.fetch,
    signal: AbortSignal.timeout(5_000),
    now: Date.now,
    ...overrides,
  };
}

describe("fetching the desired config", () => {
  it("returns the cluster's effective document with its revision and ETag", async () => {
    const cluster = await clusterWithConfig({ staleAfter: "2m" });
    const { revision } = await table.store.getEffectiveConfig(cluster);

    const outcome = await fetchConfig(request(cluster));

    expect(outcome).toEqual({
      kind: "fetched",
      revision,
      etag: `"${revision}"`,
      document: { staleAfter: "2m" },
    });
  });

  it("is answered 304 when the ETag it sends is still current", async () => {
    const cluster = await clusterWithConfig({ staleAfter: "3m" });
    const { revision } = await table.store.getEffectiveConfig(cluster);

    const outcome = await fetchConfig(request(cluster, { etag: `"${revision}"` }));

    expect(outcome).toEqual({ kind: "unchanged" });
  });

  it("fails with the ingest's message when the secret is wrong", async () => {
    const cluster = await clusterWithConfig({});

    const outcome = await fetchConfig(request(cluster, { secret: "not-the-secret" }));

    expect(outcome).toEqual({ kind: "failed", status: 401, message: expect.stringMatching(/^HTTP 401: /) });
  });

  it("fails without a status when the connection is cut", async () => {
    const cluster = await clusterWithConfig({});
    endpoint.mode = "refuse";

    const outcome = await fetchConfig(request(cluster, { endpoint: endpoint.url }));
    endpoint.mode = "pass";

    expect(outcome).toMatchObject({ kind: "failed", message: expect.any(String) });
    expect(outcome).not.toHaveProperty("status");
  });

  it("reads Retry-After from a throttled reply", async () => {
    const cluster = await clusterWithConfig({});
    endpoint.mode = { status: 503, retryAfter: "120" };

    const outcome = await fetchConfig(request(cluster, { endpoint: endpoint.url }));
    endpoint.mode = "pass";

    expect(outcome).toMatchObject({ kind: "failed", status: 503, retryAfterMs: 120_000 });
  });

  it("names the cluster's config URL, escaping the cluster and ignoring a trailing slash", () => {
    expect(configUrl("https://ingest.example/", "eu west")).toBe(
      "https://ingest.example/v1/clusters/eu%20west/config",
    );
  });
});
