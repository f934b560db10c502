import { createServer } from "node:net";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, test } from "vitest";
import { createReadApp } from "../../src/http/read-app.ts";
import { useTestTable } from "../../src/store/testing/test-store.ts";
import { seededRandom } from "../support/cluster-churn.ts";
import { report } from "../support/fault-run.ts";
import { startThrottlingDynamoProxy } from "../support/throttling-dynamo-proxy.ts";

// The fault matrix, read side: with the table unreachable or throttling every request, each read
// route answers a clear 503 with a JSON error and Retry-After: not a 500, and no partial data.

const table = useTestTable();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const clientAt = (endpoint: string) => {
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  cleanups.push(async () => client.destroy());
  return client;
};

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const ROUTES = (cluster: string) => [
  "/v1/clusters",
  `/v1/clusters/${cluster}/objects`,
  `/v1/clusters/${cluster}/history?group=apps&kind=Deployment&namespace=shop&name=web`,
  "/metrics",
];

async function expectUnavailable(app: ReturnType<typeof createReadApp>, path: string, headers = {}) {
  const res = await app.request(path, { headers });
  const text = await res.text();
  expect(res.status, `${path}: ${text}`).toBe(503);
  expect(res.headers.get("content-type"), path).toMatch(/^application\/json/);
  expect(JSON.parse(text), path).toMatchObject({ error: "unavailable", message: expect.any(String) });
  expect(res.headers.get("retry-after"), path).not.toBeNull();
}

describe("the fault matrix: the read side with the table unavailable", () => {
  test("every read route answers 503 with a JSON error when the table refuses connections", async () => {
    const client = clientAt(`http://127.0.0.1:${await closedPort()}`);
    const store = table.storeWith({ client });
    const app = createReadApp({ store, auth: { disabled: true } });

    for (const path of ROUTES("c1")) await expectUnavailable(app, path);
  });

  test("every read route answers 503 with a JSON error when the table throttles every request", async () => {
    const seed = Number(process.env.FAULT_SEED ?? 1701);
    const dynamo = await startThrottlingDynamoProxy(table.db.endpoint, seededRandom(seed));
    cleanups.push(() => dynamo.close());
    const store = table.storeWith({ client: clientAt(dynamo.endpoint) });
    const app = createReadApp({ store, auth: { disabled: true } });
    dynamo.throttle(1);

    for (const path of ROUTES("c1")) await expectUnavailable(app, path);
    report("read-throttled", seed, { routes: ROUTES("c1").length, throttled: { ...dynamo.throttled } });
  }, 60_000);

  test("a bearer token that cannot be checked against an unreachable table gets 503, not 401", async () => {
    const client = clientAt(`http://127.0.0.1:${await closedPort()}`);
    const app = createReadApp({ store: table.storeWith({ client }) });

    await expectUnavailable(app, "/v1/clusters", { authorization: "Bearer srrt_0123456789abcdef" });
  });
});
