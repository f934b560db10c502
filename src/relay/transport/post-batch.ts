import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { SIGNATURE_HEADER, sign, signedPath, TIMESTAMP_HEADER } from "../../ingest/signature.ts";
import { type BatchAck, batchAckSchema } from "../../model/wire.ts";
import { parseRetryAfter } from "./backoff.ts";

export type RetryReason =
  | "network"
  | "timeout"
  | "throttled"
  | "server"
  | "auth"
  | "endpoint"
  | "bad_ack"
  | "aborted";

export type PostOutcome =
  | { kind: "acked"; ack: BatchAck }
  | { kind: "retry"; reason: RetryReason; status?: number; retryAfterMs?: number; message: string }
  | { kind: "too-large"; status: number; message: string }
  | { kind: "snapshot-incomplete"; status: number; message: string }
  | { kind: "rejected"; status: number; message: string; issues?: string[] };

// The ingest answers 4xx for a batch it will never accept, and those are dropped (DESIGN.md). These
// 4xx are about the way to the ingest, not the batch: a wrong or rotated secret, an unregistered
// cluster, clock skew, a URL not deployed yet. Dropping would lose every change until an operator
// acts; retrying loses nothing, as the queue holds a bounded history per object and the gate paces probes.
const RETRY_BY_STATUS: Readonly<Record<number, RetryReason>> = {
  401: "auth",
  403: "auth",
  404: "endpoint",
  407: "auth",
  408: "timeout",
  421: "endpoint",
  425: "throttled",
  429: "throttled",
};

const gzipAsync = promisify(gzip);

/** gzip off the event loop's thread, so a large batch does not stall the watches. */
export async function compress(text: string): Promise<Uint8Array> {
  return gzipAsync(text);
}

export interface PostRequest {
  url: string;
  secret: string;
  /** The gzipped body: signed and sent exactly as given. */
  body: Uint8Array;
  userAgent: string;
  fetch: typeof globalThis.fetch;
  signal: AbortSignal;
  now: () => number;
}

/** Signs and posts one batch, and says what to do with it from the reply. Never throws. */
export async function postBatch(request: PostRequest): Promise<PostOutcome> {
  const timestamp = String(Math.floor(request.now() / 1000));
  try {
    const response = await request.fetch(request.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "user-agent": request.userAgent,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: sign(request.secret, {
          method: "POST",
          path: signedPath(request.url),
          timestamp,
          body: request.body,
        }),
      },
      body: request.body,
      signal: request.signal,
      // A redirect of a POST would be followed as a GET: better to report the wrong URL.
      redirect: "manual",
    });
    return await outcomeOf(response, request.now());
  } catch (error) {
    return failedOutcome(error, request.signal);
  }
}

async function outcomeOf(response: Response, now: number): Promise<PostOutcome> {
  const { status } = response;
  const text = await response.text();
  if (status >= 200 && status < 300) {
    const ack = batchAckSchema.safeParse(parseJson(text));
    // Not our ingest's reply (a captive proxy, say): we cannot know the batch arrived. Applying is
    // idempotent, so sending it again is safe.
    if (ack.success) return { kind: "acked", ack: ack.data };
    return { kind: "retry", reason: "bad_ack", status, message: `unexpected reply: ${excerpt(text)}` };
  }
  const { message, issues } = errorOf(text);
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now);
  if (status >= 500 || status < 400) {
    const reason = status >= 500 ? "server" : "endpoint";
    return {
      kind: "retry",
      reason,
      status,
      message,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  const reason = RETRY_BY_STATUS[status];
  if (reason) {
    return {
      kind: "retry",
      reason,
      status,
      message,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status === 413) return { kind: "too-large", status, message };
  if (status === 409) return { kind: "snapshot-incomplete", status, message };
  return { kind: "rejected", status, message, ...(issues ? { issues } : {}) };
}

function failedOutcome(error: unknown, signal: AbortSignal): PostOutcome {
  if (signal.aborted) {
    const timedOut = (signal.reason as Error | undefined)?.name === "TimeoutError";
    return { kind: "retry", reason: timedOut ? "timeout" : "aborted", message: String(signal.reason) };
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  const message = `${(error as Error).message ?? String(error)}${detail ? ` (${detail})` : ""}`;
  return { kind: "retry", reason: "network", message };
}

function errorOf(text: string): { message: string; issues?: string[] } {
  const body = parseJson(text) as { message?: unknown; issues?: unknown } | undefined;
  const message = typeof body?.message === "string" ? body.message : excerpt(text) || "(no message)";
  const issues = Array.isArray(body?.issues) ? body.issues.map(String) : undefined;
  return issues ? { message, issues } : { message };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function excerpt(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
