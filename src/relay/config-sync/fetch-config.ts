import * as z from "zod";
import { SIGNATURE_HEADER, sign, signedPath, TIMESTAMP_HEADER } from "../../ingest/signature.ts";
import { parseRetryAfter } from "../transport/backoff.ts";

/** The ingest's reply to `GET /v1/clusters/{cluster}/config`; the document itself is checked later. */
const configReplySchema = z.object({
  configRevision: z.string().min(1),
  config: z.unknown(),
});

export type FetchOutcome =
  /** 304: the document behind `If-None-Match` is still the desired one. */
  | { kind: "unchanged" }
  | { kind: "fetched"; revision: string; etag: string; document: unknown }
  | { kind: "failed"; status?: number; message: string; retryAfterMs?: number };

export interface FetchConfigRequest {
  endpoint: string;
  cluster: string;
  secret: string;
  /** The ETag of the document already seen, if any. */
  etag: string | undefined;
  userAgent: string;
  fetch: typeof globalThis.fetch;
  signal: AbortSignal;
  now: () => number;
}

/** The URL of a cluster's desired config under an ingest endpoint. */
export function configUrl(endpoint: string, cluster: string): string {
  return `${endpoint.replace(/\/+$/, "")}/v1/clusters/${encodeURIComponent(cluster)}/config`;
}

/** One signed, conditional GET of the desired config. Never throws. */
export async function fetchConfig(request: FetchConfigRequest): Promise<FetchOutcome> {
  const timestamp = String(Math.floor(request.now() / 1000));
  const url = configUrl(request.endpoint, request.cluster);
  const headers: Record<string, string> = {
    accept: "application/json",
    "user-agent": request.userAgent,
    [TIMESTAMP_HEADER]: timestamp,
    // A GET is signed over an empty body (src/http/ingest-app.ts).
    [SIGNATURE_HEADER]: sign(request.secret, {
      method: "GET",
      path: signedPath(url),
      timestamp,
      body: new Uint8Array(),
    }),
  };
  if (request.etag) headers["if-none-match"] = request.etag;
  let response: Response;
  let text: string;
  try {
    response = await request.fetch(url, {
      headers,
      signal: request.signal,
      redirect: "manual",
    });
    text = await response.text();
  } catch (error) {
    return { kind: "failed", message: networkMessage(error, request.signal) };
  }
  if (response.status === 304) return { kind: "unchanged" };
  if (response.status !== 200) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), request.now());
    return {
      kind: "failed",
      status: response.status,
      message: `HTTP ${response.status}: ${errorMessage(text)}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  const reply = configReplySchema.safeParse(parseJson(text));
  if (!reply.success) {
    return { kind: "failed", status: 200, message: `unexpected reply: ${excerpt(text)}` };
  }
  const { configRevision, config } = reply.data;
  const etag = response.headers.get("etag") ?? `"${configRevision}"`;
  return { kind: "fetched", revision: configRevision, etag, document: config };
}

function networkMessage(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return `request aborted: ${String(signal.reason)}`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  return `${(error as Error).message ?? String(error)}${detail ? ` (${detail})` : ""}`;
}

function errorMessage(text: string): string {
  const body = parseJson(text) as { message?: unknown } | undefined;
  return typeof body?.message === "string" ? body.message : excerpt(text) || "(no message)";
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
