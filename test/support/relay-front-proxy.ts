import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * pass: forward to the ingest; unavailable: answer 503 itself; refuse: stop listening (connections
 * refused); flaky: answer a seeded fraction of requests itself with 500, 503 or 429 (see `setFlaky`).
 */
export type FrontMode = "pass" | "unavailable" | "refuse" | "flaky";

/** Which requests a flaky proxy fails, and how. */
export interface FlakyOptions {
  random: () => number;
  /** The share of requests answered with an error instead of forwarded. */
  fraction: number;
  /** The codes to answer, picked at random; 429 and 503 come with `Retry-After`. */
  codes?: readonly (500 | 503 | 429)[];
}

export interface FrontProxy {
  readonly url: string;
  /** Event batches (POST …/events) the ingest answered 200 through this proxy. */
  readonly batchesPassed: number;
  /** Event batches it answered 503 itself (refused connections never reach it to be counted). */
  readonly batchesFailed: number;
  /** Replies the ingest itself gave through this proxy, by status code. */
  readonly upstreamReplies: Readonly<Record<number, number>>;
  /** Requests a flaky proxy answered with an error itself, by status code. */
  readonly injected: Readonly<Record<number, number>>;
  setMode(mode: FrontMode): Promise<void>;
  /** Switches to "flaky": from now on each request fails with the chance `fraction`. */
  setFlaky(options: FlakyOptions): Promise<void>;
  close(): Promise<void>;
}

const FORWARDED = [
  "content-type",
  "content-encoding",
  "if-none-match",
  "user-agent",
  "x-status-recorder-timestamp",
  "x-status-recorder-signature",
];

/**
 * A reverse proxy in front of an ingest, as a load balancer or function URL would be: it forwards,
 * answers 503 for a backend that is down, or stops accepting connections at all, as switched. It
 * counts the event batches it saw, so a test knows which relay sent.
 */
export async function startFrontProxy(upstream: string): Promise<FrontProxy> {
  let mode: FrontMode = "pass";
  let passed = 0;
  let failed = 0;
  let flaky: FlakyOptions | undefined;
  const injected: Record<number, number> = {};
  const upstreamReplies: Record<number, number> = {};
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const isBatch = req.method === "POST" && /\/events$/.test(req.url ?? "");
    if (mode === "flaky" && flaky && flaky.random() < flaky.fraction) {
      const codes = flaky.codes ?? [500, 503, 429];
      const code = codes[Math.floor(flaky.random() * codes.length)] ?? 503;
      injected[code] = (injected[code] ?? 0) + 1;
      if (isBatch) failed++;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (code !== 500) headers["retry-after"] = "1";
      res.writeHead(code, headers);
      res.end(JSON.stringify({ error: code === 429 ? "throttled" : "unavailable", message: "injected" }));
      return;
    }
    if (mode === "unavailable") {
      if (isBatch) failed++;
      res.writeHead(503, { "content-type": "application/json", "retry-after": "0" });
      res.end(JSON.stringify({ error: "unavailable", message: "the backend is down" }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const reply = await fetch(`${upstream}${req.url}`, {
      method: req.method ?? "GET",
      headers,
      ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
    });
    const text = await reply.text();
    upstreamReplies[reply.status] = (upstreamReplies[reply.status] ?? 0) + 1;
    if (isBatch && reply.status === 200) passed++;
    const replyHeaders: Record<string, string> = {};
    for (const name of ["content-type", "etag", "retry-after"]) {
      const value = reply.headers.get(name);
      if (value) replyHeaders[name] = value;
    }
    res.writeHead(reply.status, replyHeaders).end(reply.status === 304 ? undefined : text);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  const port = await listen(server, 0);
  const setMode = async (next: FrontMode) => {
    if (next === mode) return;
    const wasRefusing = mode === "refuse";
    mode = next;
    if (next === "refuse") await stopListening(server);
    else if (wasRefusing) await listen(server, port);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    get batchesPassed() {
      return passed;
    },
    get batchesFailed() {
      return failed;
    },
    get upstreamReplies() {
      return upstreamReplies;
    },
    get injected() {
      return injected;
    },
    setMode,
    async setFlaky(options) {
      flaky = options;
      await setMode("flaky");
    },
    async close() {
      if (mode !== "refuse") await stopListening(server);
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Closes the listening socket and every open connection, so new requests are refused. */
export function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
