import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody, stopListening } from "./relay-front-proxy.ts";

/** DynamoDB's answer when a table is over its provisioned throughput: HTTP 400, retryable by the SDK. */
export const THROTTLED_BODY = JSON.stringify({
  __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
  message: "Rate of requests exceeds the allowed throughput.",
});

export interface ThrottlingDynamoProxy {
  /** What a DynamoDBClient takes as `endpoint`. */
  readonly endpoint: string;
  /** Requests answered as throttled, by operation (`PutItem`, `Query`, …). */
  readonly throttled: Readonly<Record<string, number>>;
  /** Requests passed to the table. */
  readonly passed: number;
  /** From now on each request is throttled with the chance `fraction` (0 passes everything). */
  throttle(fraction: number): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive"]);

/**
 * A proxy in front of a DynamoDB endpoint (dynalite) that throttles a seeded fraction of requests
 * the way DynamoDB does, so the real AWS SDK client's retry path runs, and passes the rest.
 */
export async function startThrottlingDynamoProxy(
  upstream: string,
  random: () => number,
): Promise<ThrottlingDynamoProxy> {
  let fraction = 0;
  let passed = 0;
  const throttled: Record<string, number> = {};
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const operation =
      String(req.headers["x-amz-target"] ?? "")
        .split(".")
        .at(-1) ?? "";
    if (fraction > 0 && random() < fraction) {
      throttled[operation] = (throttled[operation] ?? 0) + 1;
      res.writeHead(400, {
        "content-type": "application/x-amz-json-1.0",
        "x-amzn-requestid": `throttled-${Date.now()}`,
      });
      res.end(THROTTLED_BODY);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string" && !HOP_BY_HOP.has(name)) headers[name] = value;
    const reply = await fetch(`${upstream}${req.url ?? "/"}`, {
      method: req.method ?? "POST",
      headers,
      ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
    });
    const text = Buffer.from(await reply.arrayBuffer());
    passed++;
    const replyHeaders: Record<string, string> = {};
    reply.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name) && name !== "content-encoding") replyHeaders[name] = value;
    });
    res.writeHead(reply.status, replyHeaders).end(text);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get throttled() {
      return throttled;
    },
    get passed() {
      return passed;
    },
    throttle(next) {
      fraction = next;
    },
    close: () => stopListening(server),
  };
}
