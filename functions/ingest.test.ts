import { randomBytes } from "node:crypto";
import type { LambdaContext } from "hono/aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoStatusStore } from "../src/store/dynamodb/dynamodb-status-store.ts";
import { type EmbeddedDynamo, startEmbeddedDynamo } from "../src/store/embedded.ts";
import { createAesGcmSealer } from "../src/store/secret-sealer.ts";
import { lambdaEvent } from "../test/support/lambda-event.ts";
import { deltaBatch, deploymentEvent, signedRequest } from "../test/support/signed-request.ts";

// The one-line handler, loaded as Lambda loads it (env read at import), against a local table.
let db: EmbeddedDynamo;
let handler: (event: unknown, context: LambdaContext) => Promise<{ statusCode: number; body: string }>;
const key = randomBytes(32);

beforeAll(async () => {
  db = await startEmbeddedDynamo({ memory: true });
  Object.assign(process.env, {
    TABLE_NAME: db.tableName,
    SEALING_KEY: key.toString("base64"),
    DYNAMODB_ENDPOINT: db.endpoint,
    AWS_REGION: "local",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
  });
  const store = createDynamoStatusStore({
    client: db.client,
    tableName: db.tableName,
    sealer: createAesGcmSealer(key),
  });
  await store.createCluster("edge-1", "s3cret-0123456789", new Date());
  ({ handler } = (await import("./ingest.ts")) as unknown as { handler: typeof handler });
});

afterAll(async () => {
  await db.close();
});

describe.each(["http-api-v2", "function-url"] as const)("functions/ingest.ts behind %s", (shape) => {
  it("stores a signed gzip batch and answers 200", async () => {
    const body = JSON.stringify(deltaBatch([deploymentEvent(`web-${shape}`, 1)]));
    const req = signedRequest("/v1/clusters/edge-1/events", body, {
      secret: "s3cret-0123456789",
      gzip: true,
    });
    const event = lambdaEvent(shape, {
      method: "POST",
      path: req.url,
      headers: req.headers as Record<string, string>,
      body: req.body as Uint8Array,
    });
    const res = await handler(event, {} as LambdaContext);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ accepted: 1, stale: 0 });
  });

  it("answers 401 for a bad signature", async () => {
    const body = JSON.stringify(deltaBatch([deploymentEvent("web", 1)]));
    const req = signedRequest("/v1/clusters/edge-1/events", body, { secret: "wrong" });
    const event = lambdaEvent(shape, {
      method: "POST",
      path: req.url,
      headers: req.headers as Record<string, string>,
      body: req.body as Uint8Array,
    });
    expect((await handler(event, {} as LambdaContext)).statusCode).toBe(401);
  });
});
