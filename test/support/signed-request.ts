import { gzipSync } from "node:zlib";
import { SIGNATURE_HEADER, sign, signedPath, TIMESTAMP_HEADER } from "../../src/ingest/signature.ts";
import type { EventBatch, WireEvent } from "../../src/model/wire.ts";

export interface SignedRequestOptions {
  secret: string;
  /** Unix seconds; defaults to `now`. */
  timestamp?: number;
  now?: Date;
  gzip?: boolean;
  method?: "POST" | "GET";
  headers?: Record<string, string>;
  /** The path to sign instead of `url`'s, to forge a request meant for another cluster. */
  signedPath?: string;
}

/** A request as a relay sends it: body bytes (gzipped if asked) signed with the cluster's secret. */
export function signedRequest(
  url: string,
  body: string | Uint8Array | undefined,
  options: SignedRequestOptions,
): RequestInit & { url: string } {
  const bytes =
    body === undefined ? new Uint8Array() : typeof body === "string" ? new TextEncoder().encode(body) : body;
  const wire = options.gzip ? new Uint8Array(gzipSync(bytes)) : bytes;
  const timestamp = String(options.timestamp ?? Math.floor((options.now ?? new Date()).getTime() / 1000));
  const method = options.method ?? (body === undefined ? "GET" : "POST");
  // Signed for the path it is sent to, unless a test signs it for another.
  const path = options.signedPath ?? signedPath(url);
  const headers: Record<string, string> = {
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: sign(options.secret, { method, path, timestamp, body: wire }),
    ...(body === undefined ? {} : { "content-type": "application/json" }),
    ...(options.gzip ? { "content-encoding": "gzip" } : {}),
    ...options.headers,
  };
  return {
    url,
    method,
    headers,
    ...(body === undefined ? {} : { body: wire }),
  };
}

let seq = 0;

/** A delta batch holding `events`. */
export function deltaBatch(events: WireEvent[], configRevision = ""): EventBatch {
  return { relay: { version: "test", epoch: 1, seq: ++seq }, mode: "delta", configRevision, events };
}

/**
 * One UPSERT of a Deployment with the given health at resourceVersion `rv`, observed in 2023 (rv
 * seconds apart): never ahead of a test's clock, pinned or real, which the ingest would refuse.
 */
export function deploymentEvent(
  name: string,
  rv: number,
  health: WireEvent["status"]["health"] = "Healthy",
): WireEvent {
  return {
    type: "UPSERT",
    object: { apiVersion: "apps/v1", kind: "Deployment", namespace: "default", name },
    status: {
      health,
      kstatus: health === "Healthy" ? "Current" : "InProgress",
      message: `${name} is ${health}`,
    },
    resourceVersion: String(rv),
    observedAt: new Date(1_700_000_000_000 + rv * 1000).toISOString(),
  };
}
