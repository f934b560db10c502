import type { ConfigIssue } from "../../config/errors.ts";
import type { Config } from "../../config/schema.ts";
import type { BackoffPolicy } from "../transport/backoff.ts";
import type { Logger } from "../transport/logger.ts";
import type { Scheduler } from "../transport/scheduler.ts";

/** Where the running config came from: the backend, the local fallback file, or the built-in defaults. */
export type ConfigSource = "backend" | "file" | "default";

export interface CurrentConfig {
  config: Config;
  /** The backend's revision; empty for a file or the defaults, so it never matches the backend's. */
  revision: string;
  source: ConfigSource;
}

export interface ConfigSyncError {
  /** `unreachable`: the request failed; `invalid`: a document (backend's or the file) did not validate. */
  kind: "unreachable" | "invalid";
  message: string;
  /** For `invalid`: every problem, naming the rule and the field. */
  issues?: readonly ConfigIssue[];
  /** For an invalid backend document: its revision. */
  revision?: string;
  /** Unix ms. */
  at: number;
}

export interface ConfigSyncOptions {
  /** Base URL of the ingest. */
  endpoint: string;
  cluster: string;
  /** The cluster's HMAC secret; a function is asked at every request, so a rotated secret takes effect. */
  secret: string | (() => string);
  /** YAML config used when the backend cannot be reached at start. */
  fallbackFile?: string;
  /** Called with the new config whenever it changes (never for a 304 or an identical revision). */
  onConfig: (current: CurrentConfig) => unknown;
  /** The relay's version, for the User-Agent. */
  version?: string;
  fetch?: typeof globalThis.fetch;
  scheduler?: Scheduler;
  random?: () => number;
  logger?: Logger;
  /** Period of the regular check (default 5 minutes). */
  intervalMs?: number;
  /** Retry pacing after a failed request; the wait never passes the next regular check. */
  backoff?: Partial<BackoffPolicy>;
  requestTimeoutMs?: number;
}

export interface ConfigSyncStatus {
  current: CurrentConfig | undefined;
  /** The latest problem, cleared by the next good fetch (a 304 clears only `unreachable`). */
  lastError: ConfigSyncError | undefined;
  /** Unix ms of the latest request the backend answered (200 or 304). */
  lastSuccessAt: number | undefined;
  consecutiveFailures: number;
}

export interface ConfigSync {
  /**
   * Fetches the desired config once; when that fails, falls back to the file or the defaults, and
   * keeps retrying in the background. Resolves with the config to start with; never rejects.
   */
  start(): Promise<CurrentConfig>;
  /**
   * Asks for a fetch now (the sender calls this when an ack names another revision). Calls made while
   * a request is in flight are coalesced into one follow-up request. A `revision` already known
   * (running, or seen and refused as invalid) is ignored.
   */
  requestRefresh(revision?: string): void;
  current(): CurrentConfig | undefined;
  readonly lastError: ConfigSyncError | undefined;
  status(): ConfigSyncStatus;
  /** Resolves once no request is in flight or asked for. For tests and shutdown. */
  idle(): Promise<void>;
  /** Cancels timers and aborts a request in flight. */
  stop(): void;
}
