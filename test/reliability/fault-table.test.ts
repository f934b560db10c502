import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, test } from "vitest";
import { startIngestServer } from "../../src/relay/transport/testing/ingest-server.ts";
import { CHURNED_KINDS, ClusterChurn, seededRandom } from "../support/cluster-churn.ts";
import { churnFor, expectConverged, expectRecorded, report, seedOr } from "../support/fault-run.ts";
import { startFrontProxy } from "../support/relay-front-proxy.ts";
import { useRelayWorld } from "../support/relay-world.ts";
import { startThrottlingDynamoProxy } from "../support/throttling-dynamo-proxy.ts";

// The fault matrix, table side: DynamoDB throttling a seeded fraction of the ingest's requests, as
// an over-provisioned-for table does. The real SDK client retries them; what it gives up on the
// ingest answers 503 and the relay sends again. Nothing may be lost: the watches see every change.
// FAULT_SEED=<n> replays a failing seed.

// Registered before the world's, so it runs after it (hooks after a test run in reverse): the
// relays stop before the ingest they post to closes.
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const world = useRelayWorld();

/** An ingest over the test table whose DynamoDB client goes through a throttling proxy. */
async function throttledIngest(seed: number) {
  const dynamo = await startThrottlingDynamoProxy(world.table.db.endpoint, seededRandom(seed));
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const ingest = await startIngestServer(world.table.storeWith({ client }));
  // In front of the ingest only to count what it answered.
  const front = await startFrontProxy(ingest.url);
  cleanups.push(async () => {
    await front.close();
    await ingest.close();
    client.destroy();
    await dynamo.close();
  });
  return { dynamo, front };
}

describe("the fault matrix: the table", () => {
  test("throttling a seeded fraction of requests loses nothing and ends in the cluster's state", async () => {
    const seed = seedOr(1301);
    const { dynamo, front } = await throttledIngest(seed);
    const churn = new ClusterChurn(world.server, seededRandom(seed + 1));
    churn.run(25, ["create"]);
    await world.relay({ endpoint: `${front.url}/` }).start();
    await world.watching(CHURNED_KINDS);
    await expectConverged(world, churn, seed);
    const after = Number(world.server.resourceVersion);

    dynamo.throttle(0.3);
    await churnFor(churn, 3_000);
    // Still throttled while the relay catches up.
    const judged = await expectRecorded(world, churn, seed, after);

    const throttled = { ...dynamo.throttled };
    const replies = { ...front.upstreamReplies };
    expect(
      Object.values(throttled).reduce((a, b) => a + b, 0),
      `seed ${seed}`,
    ).toBeGreaterThan(20);
    // Throttling the SDK could not retry away is a 503 to retry, never a 500.
    expect(replies[500] ?? 0, `seed ${seed}: ingest replies ${JSON.stringify(replies)}`).toBe(0);
    report("table-throttling", seed, { throttled, passed: dynamo.passed, ingestReplies: replies, ...judged });
  }, 60_000);
});
