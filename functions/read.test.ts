import { randomBytes } from "node:crypto";
import type { LambdaContext } from "hono/aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { familyKey } from "../src/metrics/custom-keys.ts";
import { createDynamoStatusStore } from "../src/store/dynamodb/dynamodb-status-store.ts";
import { type EmbeddedDynamo, startEmbeddedDynamo } from "../src/store/embedded.ts";
import { generateReadToken, hashReadToken } from "../src/store/read-token.ts";
import { createAesGcmSealer } from "../src/store/secret-sealer.ts";
import { delta, HEALTHY, upsert } from "../src/store/testing/wire-events.ts";
import { lambdaEvent } from "../test/support/lambda-event.ts";

// The one-line handler, loaded as Lambda loads it (env read at import, the fleet config on the first request),
// against a local table.
type Handler = (
  event: unknown,
  context: LambdaContext,
) => Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;
let db: EmbeddedDynamo;
let handler: Handler;
const token = generateReadToken();

// The fleet default as `config apply` stores it: a custom family the relay evaluates and the read side renders.
const FLEET_CONFIG = {
  metrics: [
    {
      name: "widget_replicas",
      help: "Replicas of a widget.",
      type: "gauge",
      kind: "Widget",
      value: "values.replicas",
    },
  ],
};

beforeAll(async () => {
  db = await startEmbeddedDynamo({ memory: true });
  Object.assign(process.env, {
    TABLE_NAME: db.tableName,
    DYNAMODB_ENDPOINT: db.endpoint,
    AWS_REGION: "local",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
  });
  const store = createDynamoStatusStore({
    client: db.client,
    tableName: db.tableName,
    sealer: createAesGcmSealer(randomBytes(32)),
  });
  const now = new Date();
  await store.createCluster("edge-1", "s3cret-0123456789", now);
  const widget = upsert(
    "w1",
    1,
    { ...HEALTHY, values: { [familyKey("widget_replicas")]: 2 } },
    {
      apiVersion: "example.com/v1",
      kind: "Widget",
    },
  );
  await store.applyBatch("edge-1", delta([widget]), now);
  await store.createReadToken(hashReadToken(token), { name: "prometheus" }, now);
  await store.putConfig({}, JSON.stringify(FLEET_CONFIG), FLEET_CONFIG, now);
  ({ handler } = (await import("./read.ts")) as unknown as { handler: Handler });
});

afterAll(async () => {
  await db.close();
});

const scrape = (shape: "http-api-v2" | "function-url", headers: Record<string, string>) =>
  lambdaEvent(shape, { method: "GET", path: "/metrics", query: "cluster=edge-1", headers });

describe.each(["http-api-v2", "function-url"] as const)("functions/read.ts behind %s", (shape) => {
  it("serves /metrics in the text format, custom families of the fleet config included", async () => {
    const res = await handler(scrape(shape, { authorization: `Bearer ${token}` }), {} as LambdaContext);

    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(res.body).toContain('status_recorder_cluster_up{cluster="edge-1"} ');
    expect(res.body).toContain(
      'widget_replicas{cluster="edge-1",group="example.com",kind="Widget",namespace="default",name="w1"} 2\n',
    );
  });

  it("answers 401 without a token", async () => {
    const res = await handler(scrape(shape, {}), {} as LambdaContext);

    expect(res.statusCode).toBe(401);
  });
});
