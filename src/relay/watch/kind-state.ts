import { statusCodeOf } from "./kube-http.ts";

export type KindStateName = "starting" | "listing" | "watching" | "backoff" | "forbidden" | "not-installed";

/** One watched kind as /readyz reports it. */
export interface KindState {
  /** `group/Kind` (core kinds bare). */
  kind: string;
  /** The version watched once discovery found one; the configured one before. */
  apiVersion: string;
  state: KindStateName;
  lastError?: string;
  /** Since when the kind has been in backoff or forbidden (RFC 3339); absent while it is not. */
  failingSince?: string;
  /** The failing request's HTTP status, or "network" when none answered; absent while not failing. */
  failingCode?: string;
  /** Watches resumed from their last resourceVersion. */
  restarts: number;
  /** Lists after the first. */
  relists: number;
  /** When the last full list completed (RFC 3339). */
  lastSyncAt?: string;
}

/** Nothing serves the kind: its CRD is not installed (or was removed). */
export class KindNotInstalledError extends Error {
  override name = "KindNotInstalledError";

  constructor(apiVersion: string, kind: string) {
    super(`${kind} (${apiVersion}) is not served by the API server: is its CRD installed?`);
  }
}

/** The state a failed list/watch cycle leaves a kind in. */
export function failureState(error: unknown): "backoff" | "forbidden" | "not-installed" {
  if (error instanceof KindNotInstalledError || statusCodeOf(error) === 404) return "not-installed";
  if (statusCodeOf(error) === 403) return "forbidden";
  return "backoff";
}

/** A short, bounded name for why a request failed: its HTTP status, or "network". */
export function failureCode(error: unknown): string {
  const status = statusCodeOf(error);
  return status === undefined ? "network" : String(status);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
