import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { createAdaptorServer } from "@hono/node-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signedRequest } from "../../test/support/signed-request.ts";
import { MAX_BODY_BYTES } from "../ingest/body.ts";
import { SIGNATURE_HEADER, sign, TIMESTAMP_HEADER } from "../ingest/signature.ts";
import { useTestTable } from "../store/testing/test-store.ts";
import { createIngestApp } from "./ingest-app.ts";

// A body is refused once it passes the limit, and a stranger's is not read at all: nobody can make
// the ingest buffer more than about the limit per request, whatever they send. Through a real HTTP
// server, as a chunked body with no Content-Length is where buffering first would hide.

const table = useTestTable();
const SECRET = "body-limit-secret-0123";
const CHUNK = new Uint8Array(64 * 1024).fill(0x20);
/** What the client gives up at: far beyond the limit, so a server that buffers it all is plain to see. */
const GIVE_UP_BYTES = 64 * MAX_BODY_BYTES;

let server: Server;
let port: number;

beforeAll(async () => {
  const app = createIngestApp({ store: table.store });
  server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  return () => vi.restoreAllMocks();
});

interface Streamed {
  status: number;
  /** Body bytes the client had handed to the socket when the reply's head arrived. */
  sentBeforeReply: number;
}

/**
 * POSTs a chunked body of spaces to `path`, writing until the server answers or GIVE_UP_BYTES; with
 * `holdMs`, it first waits that long for an answer to the head alone.
 */
function streamBody(path: string, holdMs = 0): Promise<Streamed> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  // Well formed and fresh, so only the body can be refused (it is never checked against it).
  const signature = sign(SECRET, { method: "POST", path, timestamp, body: new Uint8Array() });
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest({
      host: "127.0.0.1",
      port,
      path,
      method: "POST",
      headers: {
        "content-type": "application/json",
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signature,
      },
    });
    req.on("response", (res) => {
      answered = true;
      resolve({ status: res.statusCode ?? 0, sentBeforeReply: sent });
      res.resume();
      req.destroy();
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const write = () => {
      while (!answered && sent < GIVE_UP_BYTES) {
        sent += CHUNK.byteLength;
        if (!req.write(CHUNK)) return void req.once("drain", write);
      }
      if (!answered) req.end();
    };
    req.flushHeaders();
    setTimeout(write, holdMs);
  });
}

describe("the ingest's body limit, over HTTP", () => {
  it("answers 413 to an endless chunked body soon after it passes the limit", async () => {
    const cluster = table.cluster();
    await table.store.createCluster(cluster, SECRET, new Date());
    const { status, sentBeforeReply } = await streamBody(`/v1/clusters/${cluster}/events`);
    expect(status).toBe(413);
    // What sits in the sockets' buffers besides the limit itself; nowhere near the 64 MiB sent otherwise.
    expect(sentBeforeReply).toBeLessThan(MAX_BODY_BYTES + 16 * 1024 * 1024);
  });

  it("answers 401 to a cluster that is not registered without reading its body", async () => {
    const { status, sentBeforeReply } = await streamBody("/v1/clusters/nobody/events", 5_000);
    expect(status).toBe(401);
    expect(sentBeforeReply).toBe(0);
  });
});

describe("the ingest's limit after decompression", () => {
  it("answers 413 to a small gzip body that would inflate to 512 MiB", async () => {
    const cluster = table.cluster();
    await table.store.createCluster(cluster, SECRET, new Date());
    // Concatenated gzip members are one gzip stream: 32 of 16 MiB of zeros each, about 512 KiB sent.
    const member = gzipSync(new Uint8Array(16 * 1024 * 1024));
    const bomb = new Uint8Array(Buffer.concat(Array.from({ length: 32 }, () => member)));
    expect(bomb.byteLength).toBeLessThan(MAX_BODY_BYTES);
    const { url, ...init } = signedRequest(`http://127.0.0.1:${port}/v1/clusters/${cluster}/events`, bomb, {
      secret: SECRET,
      headers: { "content-encoding": "gzip" },
    });
    const res = await fetch(url, init);
    expect(res.status).toBe(413);
  });
});
