import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createIngestApp } from "../../src/http/ingest-app.ts";
import { useTestTable } from "../../src/store/testing/test-store.ts";
import { countWrites } from "../support/count-writes.ts";
import { deltaBatch, deploymentEvent, signedRequest } from "../support/signed-request.ts";

// The ingest against what an attacker, or a broken relay, sends: thousands of generated bodies,
// signed and not. Whatever arrives, the answer is a 4xx saying what was wrong (or a 200 for what is
// in fact a valid batch), never a 5xx, and a refused request writes nothing to the table.

const table = useTestTable();
const SECRET = "hostile-secret-0123456789";
const now = new Date("2027-01-15T10:00:00Z");
// CI runs the fast variant; `npm run soak` runs ten thousand of each.
const RUNS = Number(process.env.HOSTILE_RUNS ?? 1_000);
const REFUSED = new Set([400, 401, 413, 415]);

async function setUp() {
  const cluster = table.cluster();
  await table.store.createCluster(cluster, SECRET, now);
  const app = createIngestApp({ store: table.store, clock: () => now });
  const writes = countWrites(table.db.client);
  const statuses = new Map<number, number>();
  let peakHeap = 0;
  /** Posts, and checks the promise: a 4xx writes nothing, and no answer is a 5xx. */
  const post = async (path: string, init: RequestInit & { url?: string }) => {
    writes.reset();
    const res = await app.request(path, init);
    const text = await res.text();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    expect(res.status, text).toBeLessThan(500);
    if (res.status !== 200) {
      expect(REFUSED.has(res.status), `${res.status} ${text}`).toBe(true);
      expect(writes.writes, `a refused request wrote: ${res.status} ${text}`).toBe(0);
      expect(JSON.parse(text)).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    return res.status;
  };
  const signedPost = (
    cluster: string,
    body: Uint8Array | string,
    options: { gzip?: boolean; headers?: Record<string, string> } = {},
  ) => {
    const { url, ...init } = signedRequest(`/v1/clusters/${cluster}/events`, body, {
      secret: SECRET,
      now,
      ...options,
    });
    return post(url, init);
  };
  return { cluster, post, signedPost, statuses, peakHeap: () => peakHeap, stop: () => writes.stop() };
}

/** A valid batch with one field anywhere in it replaced by anything at all. */
const mutatedBatch = fc
  .tuple(fc.integer({ min: 0, max: 1_000 }), fc.anything({ maxDepth: 4, withNullPrototype: true }))
  .map(([pick, value]) => {
    const batch = deltaBatch([deploymentEvent("web", 1 + (pick % 7))]) as unknown as Record<string, unknown>;
    const paths: string[][] = [];
    const walk = (node: unknown, path: string[]) => {
      paths.push(path);
      if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    };
    walk(batch, []);
    const path = paths[pick % paths.length] ?? [];
    if (path.length === 0) return JSON.stringify(value) ?? "null";
    let parent = batch as Record<string, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    parent[path[path.length - 1] as string] = value;
    return JSON.stringify(batch) ?? "null";
  });

const nested = fc
  .tuple(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom("[", '{"a":'))
  .map(([depth, open]) => open.repeat(depth));

describe("hostile input against the ingest", () => {
  test("signed bodies of every odd shape: a 4xx or a valid batch's 200, never a 5xx, never a write when refused", async () => {
    const world = await setUp();
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 2_048 }),
      fc.json({ maxDepth: 6 }),
      mutatedBatch,
      nested,
      fc.string({ unit: "binary", maxLength: 512 }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (payload, gzip) => {
        await world.signedPost(world.cluster, payload, { gzip });
      }),
      { numRuns: RUNS },
    );
    world.stop();
  }, 180_000);

  test("unsigned, badly signed, replayed, cross-cluster and path-swapped requests are refused alike, before any write", async () => {
    const world = await setUp();
    const other = table.cluster();
    await table.store.createCluster(other, SECRET, now);
    const valid = JSON.stringify(deltaBatch([deploymentEvent("web", 1)]));
    const headers = fc.dictionary(
      fc.constantFrom(
        "x-status-recorder-timestamp",
        "x-status-recorder-signature",
        "content-encoding",
        "content-length",
        "x-other",
      ),
      fc.string({ maxLength: 80 }),
    );
    await fc.assert(
      fc.asyncProperty(headers, fc.uint8Array({ maxLength: 512 }), async (given, payload) => {
        const status = await world.post(`/v1/clusters/${world.cluster}/events`, {
          method: "POST",
          headers: given,
          body: payload,
        });
        expect([400, 401, 413]).toContain(status);
      }),
      { numRuns: RUNS },
    );
    // Signed for the right secret but a timestamp outside the window: a replay.
    const stale = signedRequest(`/v1/clusters/${world.cluster}/events`, valid, {
      secret: SECRET,
      timestamp: now.getTime() / 1000 - 3_600,
    });
    expect(await world.post(stale.url, stale)).toBe(401);
    // Signed for one cluster, posted on another that shares its secret.
    const signed = signedRequest(`/v1/clusters/${other}/events`, valid, { secret: SECRET, now });
    expect(await world.post(`/v1/clusters/${world.cluster}/events`, signed)).toBe(401);
    world.stop();
  }, 180_000);

  test("a gzip bomb and bodies past the limit are refused with 413, the heap staying bounded", async () => {
    const world = await setUp();
    const before = process.memoryUsage().heapUsed;
    const bomb = gzipSync(Buffer.alloc(512 * 1024 * 1024)); // 512 MiB of zeros in about 0.5 MB
    expect(
      await world.signedPost(world.cluster, new Uint8Array(bomb), {
        headers: { "content-encoding": "gzip" },
      }),
    ).toBe(413);
    expect(await world.signedPost(world.cluster, new Uint8Array(2 * 1024 * 1024).fill(32))).toBe(413);
    expect(world.peakHeap() - before).toBeLessThan(256 * 1024 * 1024);
    world.stop();
  }, 60_000);
});
