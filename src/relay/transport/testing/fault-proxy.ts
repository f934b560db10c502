import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What the proxy does with one request: pass it on; cut the connection before passing it on, or
 * after the ingest applied it (the reply is lost); answer in the ingest's place (`status` with an
 * error body, or a fake acknowledgement without passing the request on at all).
 */
export type Fault =
  | "pass"
  | "drop"
  | "drop-after-forward"
  | { status: number; message?: string; retryAfter?: string }
  | { fakeAck: string };

export interface FaultProxy {
  url: string;
  /** Requests seen so far, faulted or not. */
  readonly requests: number;
  close(): Promise<void>;
}

const FORWARDED = [
  "content-type",
  "content-encoding",
  "x-status-recorder-timestamp",
  "x-status-recorder-signature",
];

/** An HTTP proxy on 127.0.0.1 in front of `upstream`, faulting request n as `decide(n)` says (n from 1). */
export async function startFaultProxy(upstream: string, decide: (n: number) => Fault): Promise<FaultProxy> {
  let requests = 0;
  const server = createServer(async (req, res) => {
    const n = ++requests;
    const body = await readBody(req);
    const fault = decide(n);
    if (fault === "drop") return void req.socket.destroy();
    if (typeof fault === "object") {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if ("fakeAck" in fault) {
        res
          .writeHead(200, headers)
          .end(JSON.stringify({ accepted: 0, stale: 0, configRevision: fault.fakeAck }));
        return;
      }
      if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
      res
        .writeHead(fault.status, headers)
        .end(JSON.stringify({ error: "fault", message: fault.message ?? "fault" }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const reply = await fetch(`${upstream}${req.url}`, {
      method: req.method,
      headers,
      body: new Uint8Array(body),
    });
    const text = await reply.text();
    if (fault === "drop-after-forward") return void req.socket.destroy();
    const replyHeaders: Record<string, string> = {
      "content-type": reply.headers.get("content-type") ?? "text/plain",
    };
    const retryAfter = reply.headers.get("retry-after");
    if (retryAfter) replyHeaders["retry-after"] = retryAfter;
    res.writeHead(reply.status, replyHeaders).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
