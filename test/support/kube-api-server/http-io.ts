import type { IncomingMessage, ServerResponse } from "node:http";
import { type Status, StatusError, statuses } from "./status.ts";

const MAX_BODY_BYTES = 3 * 1024 * 1024; // the real server's request size limit

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Writes a Status as a real server does, with Retry-After when the Status asks for a retry. */
export function sendStatus(res: ServerResponse, status: Status): void {
  const retry = status.details?.retryAfterSeconds;
  sendJson(res, status.code, status, retry === undefined ? {} : { "Retry-After": String(retry) });
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new StatusError({
        ...statuses.badRequest("request entity too large"),
        code: 413,
        reason: "RequestEntityTooLarge",
      });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new StatusError(statuses.badRequest(`error decoding request body: ${(cause as Error).message}`));
  }
}
