import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { deltaBatch, deploymentEvent, signedRequest } from "../../test/support/signed-request.ts";
import { RELAY_REFUSED_MESSAGE } from "../ingest/errors.ts";
import { useTestTable } from "../store/testing/test-store.ts";
import { createIngestApp } from "./ingest-app.ts";

// Every refused relay request gets one 401, whatever the cause, so a caller learns nothing about
// which clusters exist or how close a forgery came (DESIGN.md "Wire protocol").

const table = useTestTable();
const now = new Date("2027-01-15T10:00:00Z");
const SECRET = "ingest-auth-secret-0123";
const body = JSON.stringify(deltaBatch([deploymentEvent("web", 1)]));

async function registered(secret = SECRET) {
  const cluster = table.cluster();
  await table.store.createCluster(cluster, secret, now);
  return cluster;
}

// Each refusal is logged with its reason; kept out of the test output, and looked at in one test.
let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

const app = () => createIngestApp({ store: table.store, clock: () => now });

async function send(request: ReturnType<typeof signedRequest>) {
  const { url, ...init } = request;
  return app().request(url, init);
}

const events = (cluster: string) => `/v1/clusters/${cluster}/events`;
const stored = async (cluster: string) => (await table.store.listObjects(cluster)).items.length;

/** Status, every header and the body's bytes: all a caller can see of a reply. */
async function visible(res: Response) {
  return { status: res.status, headers: [...res.headers.entries()], body: await res.text() };
}

describe("the ingest's relay authentication", () => {
  it("refuses a batch signed for cluster A when posted to B, though they share a secret", async () => {
    const [a, b] = [await registered(), await registered()];
    const forged = signedRequest(events(b), body, { secret: SECRET, now, signedPath: events(a) });
    const res = await send(forged);
    expect(res.status).toBe(401);
    expect(await stored(b)).toBe(0);
  });

  it("refuses a GET of the config signed for another cluster that shares the secret", async () => {
    const [a, b] = [await registered(), await registered()];
    const forged = signedRequest(`/v1/clusters/${b}/config`, undefined, {
      secret: SECRET,
      now,
      signedPath: `/v1/clusters/${a}/config`,
    });
    expect((await send(forged)).status).toBe(401);
  });

  it("refuses a POST signature replayed as a GET of the same path", async () => {
    const cluster = await registered();
    const post = signedRequest(`/v1/clusters/${cluster}/config`, "", { secret: SECRET, now, method: "POST" });
    const asGet = { ...post, method: "GET", body: undefined };
    expect((await send(asGet)).status).toBe(401);
  });

  it("answers every refusal with the same status, headers and body bytes", async () => {
    const cluster = await registered();
    const unsigned = signedRequest(events(cluster), body, { secret: SECRET, now });
    const refusals = {
      "no headers": { ...unsigned, headers: { "content-type": "application/json" } },
      "a malformed timestamp": signedRequest(events(cluster), body, {
        secret: SECRET,
        now,
        headers: { "x-status-recorder-timestamp": "yesterday" },
      }),
      "a malformed signature": signedRequest(events(cluster), body, {
        secret: SECRET,
        now,
        headers: { "x-status-recorder-signature": "md5=abc" },
      }),
      "a wrong secret": signedRequest(events(cluster), body, { secret: "not-the-secret-at-all", now }),
      "a stale timestamp": signedRequest(events(cluster), body, {
        secret: SECRET,
        timestamp: now.getTime() / 1000 - 301,
      }),
      "an unknown cluster": signedRequest(events("nobody"), body, { secret: SECRET, now }),
    };
    const replies = await Promise.all(
      Object.entries(refusals).map(async ([what, request]) => ({
        what,
        ...(await visible(await send(request))),
      })),
    );
    const [first] = replies;
    expect(first).toMatchObject({ status: 401 });
    expect(JSON.parse(first?.body ?? "")).toEqual({ error: "unauthorized", message: RELAY_REFUSED_MESSAGE });
    for (const reply of replies) expect({ ...reply, what: first?.what }).toEqual(first);
    expect(await stored(cluster)).toBe(0);
  });

  it("logs why it refused, which the reply never says", async () => {
    await send(signedRequest(events("nobody"), body, { secret: SECRET, now }));
    expect(JSON.parse(String(warn.mock.calls[0]?.[0]))).toMatchObject({
      msg: "relay request refused",
      cluster: "nobody",
      reason: 'cluster "nobody" is not registered',
    });
  });

  it("reads nothing of the body of a request from a cluster that is not registered", async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls++;
          controller.enqueue(new Uint8Array(64 * 1024));
        },
      },
      { highWaterMark: 0 },
    );
    const { url, body: _signed, ...init } = signedRequest(events("nobody"), body, { secret: SECRET, now });
    const res = await app().request(url, { ...init, body: stream, duplex: "half" } as RequestInit);
    expect(res.status).toBe(401);
    expect(pulls).toBe(0);
  });
});
