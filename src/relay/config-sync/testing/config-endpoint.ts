import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** What the endpoint does with the next requests: pass them to the ingest, cut them, or answer an error. */
export type EndpointMode = "pass" | "refuse" | { status: number; retryAfter?: string };

export interface SeenRequest {
  path: string;
  ifNoneMatch: string | undefined;
  /** The status answered; 0 when the connection was cut. */
  status: number;
}

export interface ConfigEndpoint {
  url: string;
  mode: EndpointMode;
  readonly requests: readonly SeenRequest[];
  /** Resolves once `count` requests in all have been answered (or cut). */
  answered(count: number): Promise<void>;
  close(): Promise<void>;
}

const FORWARDED = ["x-status-recorder-timestamp", "x-status-recorder-signature", "if-none-match"];

/** An HTTP front for the real ingest on 127.0.0.1 whose availability a test switches at will. */
export async function startConfigEndpoint(upstream: string): Promise<ConfigEndpoint> {
  const requests: SeenRequest[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  const seen = (request: SeenRequest) => {
    requests.push(request);
    const due = waiters.filter((w) => requests.length >= w.count);
    waiters = waiters.filter((w) => requests.length < w.count);
    for (const waiter of due) waiter.resolve();
  };
  const endpoint = { mode: "pass" as EndpointMode };
  const server = createServer(async (req, res) => {
    const path = req.url ?? "/";
    const ifNoneMatch = req.headers["if-none-match"];
    const mode = endpoint.mode;
    if (mode === "refuse") {
      req.socket.destroy();
      return seen({ path, ifNoneMatch, status: 0 });
    }
    if (typeof mode === "object") {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (mode.retryAfter) headers["retry-after"] = mode.retryAfter;
      res.writeHead(mode.status, headers).end(JSON.stringify({ error: "fault", message: "injected" }));
      return seen({ path, ifNoneMatch, status: mode.status });
    }
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const reply = await fetch(`${upstream}${path}`, { headers });
    const replyHeaders: Record<string, string> = {};
    for (const name of ["content-type", "etag"]) {
      const value = reply.headers.get(name);
      if (value) replyHeaders[name] = value;
    }
    res.writeHead(reply.status, replyHeaders).end(await reply.text());
    seen({ path, ifNoneMatch, status: reply.status });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(endpoint, {
    url: `http://127.0.0.1:${port}`,
    requests,
    answered: (count: number) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
