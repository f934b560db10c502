import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "../../ingest/signature.ts";
import { compress, type PostRequest, postBatch } from "./post-batch.ts";

const NOW = Date.parse("2027-01-15T10:00:00Z");
const ACK = { accepted: 2, stale: 0, configRevision: "rev-1" };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

async function post(reply: Response | (() => Promise<Response>), overrides: Partial<PostRequest> = {}) {
  const seen: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    return typeof reply === "function" ? reply() : reply;
  }) as unknown as typeof globalThis.fetch;
  const outcome = await postBatch({
    url: "http://ingest.test/v1/clusters/prod/events",
    secret: "s3cret",
    body: await compress('{"hello":"world"}'),
    userAgent: "status-recorder-relay/test",
    fetch,
    signal: new AbortController().signal,
    now: () => NOW,
    ...overrides,
  });
  return { outcome, seen };
}

describe("postBatch", () => {
  it("posts the gzip body signed over its method, path and the bytes as sent", async () => {
    const { seen } = await post(json(200, ACK));
    const init: RequestInit = seen[0]?.init ?? {};
    const headers = init.headers as Record<string, string>;
    const body = init.body as Uint8Array;
    expect(headers["content-encoding"]).toBe("gzip");
    expect(headers[TIMESTAMP_HEADER]).toBe(String(NOW / 1000));
    expect(gunzipSync(body).toString()).toBe('{"hello":"world"}');
    expect(() =>
      verifySignature({
        secrets: ["s3cret"],
        timestamp: headers[TIMESTAMP_HEADER],
        signature: headers[SIGNATURE_HEADER],
        method: "POST",
        path: "/v1/clusters/prod/events",
        body,
        nowSeconds: NOW / 1000,
      }),
    ).not.toThrow();
  });

  it("reads a 200 as an acknowledgement", async () => {
    expect((await post(json(200, ACK))).outcome).toEqual({ kind: "acked", ack: { ...ACK, rejected: [] } });
  });

  it("retries a 200 that is not the ingest's acknowledgement", async () => {
    const { outcome } = await post(new Response("<html>captive portal</html>", { status: 200 }));
    expect(outcome).toMatchObject({ kind: "retry", reason: "bad_ack" });
  });

  it("drops a 400, keeping the ingest's message and issues for the log", async () => {
    const reply = json(400, { error: "bad_request", message: "batch is invalid", issues: ["mode: bad"] });
    expect((await post(reply)).outcome).toEqual({
      kind: "rejected",
      status: 400,
      message: "batch is invalid",
      issues: ["mode: bad"],
    });
  });

  it("reads a 409 as a snapshot missing a part", async () => {
    const reply = json(409, { error: "conflict", message: "snapshot s1 is missing parts 0" });
    expect((await post(reply)).outcome).toMatchObject({ kind: "snapshot-incomplete", status: 409 });
  });

  it("reads a 413 as a body to split", async () => {
    expect((await post(json(413, { message: "too large" }))).outcome).toMatchObject({ kind: "too-large" });
  });

  it.each([
    [429, "throttled"],
    [500, "server"],
    [502, "server"],
    [503, "server"],
    [401, "auth"],
    [403, "auth"],
    [404, "endpoint"],
    [408, "timeout"],
    [301, "endpoint"],
  ])("retries a %i as %s", async (status, reason) => {
    const { outcome } = await post(json(status, { message: "no" }));
    expect(outcome).toMatchObject({ kind: "retry", reason, status });
  });

  it("passes Retry-After on with the retry", async () => {
    const { outcome } = await post(json(503, { message: "busy" }, { "retry-after": "2" }));
    expect(outcome).toMatchObject({ kind: "retry", retryAfterMs: 2000, message: "busy" });
  });

  it("retries a refused connection as a network failure, naming the cause", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const { outcome } = await post(() => Promise.reject(refused));
    expect(outcome).toEqual({ kind: "retry", reason: "network", message: "fetch failed (ECONNREFUSED)" });
  });

  it("retries a request that ran out of time as a timeout", async () => {
    const controller = new AbortController();
    controller.abort(new DOMException("slow", "TimeoutError"));
    const { outcome } = await post(() => Promise.reject(controller.signal.reason), {
      signal: controller.signal,
    });
    expect(outcome).toMatchObject({ kind: "retry", reason: "timeout" });
  });
});
