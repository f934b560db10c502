import { ConfigError } from "../../config/errors.ts";
import { validateConfig } from "../../config/load.ts";
import type { BackoffPolicy } from "../transport/backoff.ts";
import { type Logger, silentLogger } from "../transport/logger.ts";
import { type Scheduler, systemScheduler } from "../transport/scheduler.ts";
import type {
  ConfigSync,
  ConfigSyncError,
  ConfigSyncOptions,
  ConfigSyncStatus,
  CurrentConfig,
} from "./config-sync-api.ts";
import { defaultConfig, loadFallback } from "./fallback.ts";
import { type FetchOutcome, fetchConfig } from "./fetch-config.ts";
import { retryDelay } from "./retry-delay.ts";
import { SingleFlight } from "./single-flight.ts";

export const CONFIG_SYNC_INTERVAL_MS = 5 * 60_000;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Keeps the relay's config in step with the desired state the backend serves (DESIGN.md "Config"). */
export function createConfigSync(options: ConfigSyncOptions): ConfigSync {
  return new PullConfigSync(options);
}

class PullConfigSync implements ConfigSync {
  readonly #scheduler: Scheduler;
  readonly #log: Logger;
  readonly #intervalMs: number;
  readonly #backoff: BackoffPolicy;
  readonly #random: () => number;
  #current: CurrentConfig | undefined;
  #lastError: ConfigSyncError | undefined;
  #lastSuccessAt: number | undefined;
  #failures = 0;
  /** The ETag of the last document served, valid or not: a 304 means it is still the desired one. */
  #etag: string | undefined;
  /** A revision that failed validation; asking for it again would change nothing. */
  #refusedRevision: string | undefined;
  readonly #flight = new SingleFlight(
    () => this.#attempt(),
    () => !this.#stopped,
  );
  readonly #stopping = new AbortController();
  #cancelRetry: (() => void) | undefined;
  #cancelTick: (() => void) | undefined;
  #nextTickAt: number | undefined;
  #started: Promise<CurrentConfig> | undefined;
  #stopped = false;

  constructor(private readonly options: ConfigSyncOptions) {
    this.#scheduler = options.scheduler ?? systemScheduler;
    this.#log = options.logger ?? silentLogger;
    this.#intervalMs = options.intervalMs ?? CONFIG_SYNC_INTERVAL_MS;
    this.#backoff = {
      baseMs: 1_000,
      capMs: this.#intervalMs,
      maxRetryAfterMs: this.#intervalMs,
      ...options.backoff,
    };
    this.#random = options.random ?? Math.random;
  }

  start(): Promise<CurrentConfig> {
    this.#started ??= this.#start();
    return this.#started;
  }

  requestRefresh(revision?: string): void {
    if (this.#stopped) return;
    if (revision !== undefined && this.#isKnown(revision)) return;
    this.#trigger();
  }

  current(): CurrentConfig | undefined {
    return this.#current;
  }

  get lastError(): ConfigSyncError | undefined {
    return this.#lastError;
  }

  status(): ConfigSyncStatus {
    return {
      current: this.#current,
      lastError: this.#lastError,
      lastSuccessAt: this.#lastSuccessAt,
      consecutiveFailures: this.#failures,
    };
  }

  idle(): Promise<void> {
    return this.#flight.idle();
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelRetry?.();
    this.#cancelTick?.();
    this.#stopping.abort(new Error("config sync stopped"));
  }

  async #start(): Promise<CurrentConfig> {
    this.#trigger();
    await this.idle();
    if (!this.#current) await this.#fallBack();
    if (!this.#stopped) this.#scheduleTick();
    return this.#current ?? defaultConfig();
  }

  /** The backend did not answer with a valid config at start: run with the file or the defaults. */
  async #fallBack(): Promise<void> {
    const fallback = await loadFallback(this.options.fallbackFile);
    if ("error" in fallback) {
      this.#log.error("fallback config file is invalid; using built-in defaults", {
        file: this.options.fallbackFile,
        problems: fallback.error.message,
      });
      this.#lastError = this.#invalid(fallback.error);
    }
    // A retry may have reached the backend while the file was read; its config wins.
    if (this.#current) return;
    this.#log.warn("running with fallback config", {
      source: fallback.current.source,
      reason: this.#lastError?.message,
    });
    this.#apply(fallback.current);
  }

  #isKnown(revision: string): boolean {
    return (
      (this.#current?.source === "backend" && this.#current.revision === revision) ||
      this.#refusedRevision === revision
    );
  }

  #trigger(): void {
    // A run asked for while one is in flight follows it: the new revision may have been stored
    // after the request in flight was answered.
    if (!this.#flight.busy) {
      this.#cancelRetry?.();
      this.#cancelRetry = undefined;
    }
    this.#flight.run();
  }

  async #attempt(): Promise<void> {
    const timeoutMs = this.options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const secret = this.options.secret;
    const outcome = await fetchConfig({
      endpoint: this.options.endpoint,
      cluster: this.options.cluster,
      secret: typeof secret === "string" ? secret : secret(),
      etag: this.#etag,
      userAgent: `status-recorder-relay/${this.options.version ?? "dev"}`,
      fetch: this.options.fetch ?? globalThis.fetch,
      signal: AbortSignal.any([this.#stopping.signal, AbortSignal.timeout(timeoutMs)]),
      now: () => this.#scheduler.now(),
    });
    if (this.#stopped) return;
    if (outcome.kind === "failed") return this.#failed(outcome);
    this.#failures = 0;
    this.#lastSuccessAt = this.#scheduler.now();
    if (outcome.kind === "unchanged") {
      if (this.#lastError?.kind === "unreachable") this.#lastError = undefined;
      return;
    }
    this.#etag = outcome.etag;
    this.#received(outcome.revision, outcome.document);
  }

  #received(revision: string, document: unknown): void {
    if (this.#current?.source === "backend" && this.#current.revision === revision) {
      // The backend went back to what we run (after a refused revision, say): nothing is wrong now.
      this.#refusedRevision = undefined;
      this.#lastError = undefined;
      return;
    }
    try {
      const config = validateConfig(document, `config revision ${revision} from the backend`);
      this.#refusedRevision = undefined;
      this.#lastError = undefined;
      this.#log.info("config applied", { revision, source: "backend" });
      this.#apply({ config, revision, source: "backend" });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.#refusedRevision = revision;
      this.#lastError = { ...this.#invalid(error), revision };
      this.#log.error("desired config is invalid; keeping the current config", {
        revision,
        running: this.#current?.revision || this.#current?.source,
        problems: error.message,
      });
    }
  }

  #failed(outcome: Extract<FetchOutcome, { kind: "failed" }>): void {
    this.#failures++;
    // The retry timer paces the next attempt, however many refreshes were asked for meanwhile.
    this.#flight.cancelFollowUp();
    const now = this.#scheduler.now();
    this.#lastError = { kind: "unreachable", message: outcome.message, at: now };
    const wait = retryDelay(this.#failures, this.#backoff, this.#random, outcome.retryAfterMs);
    // The regular check retries anyway; no second timer for the same moment.
    const retry = this.#nextTickAt === undefined || now + wait < this.#nextTickAt;
    this.#log.warn("config fetch failed", {
      message: outcome.message,
      ...(outcome.status === undefined ? {} : { status: outcome.status }),
      failures: this.#failures,
      retryInMs: retry ? wait : (this.#nextTickAt ?? now) - now,
    });
    if (retry) this.#cancelRetry = this.#scheduler.setTimeout(() => this.#trigger(), wait);
  }

  #apply(next: CurrentConfig): void {
    this.#current = next;
    try {
      const result = this.options.onConfig(next);
      if (result instanceof Promise) result.catch((error) => this.#onConfigFailed(error));
    } catch (error) {
      this.#onConfigFailed(error);
    }
  }

  #onConfigFailed(error: unknown): void {
    this.#log.error("applying the new config failed", { error: String(error) });
  }

  #invalid(error: ConfigError): ConfigSyncError {
    return { kind: "invalid", message: error.message, issues: error.issues, at: this.#scheduler.now() };
  }

  #scheduleTick(): void {
    this.#nextTickAt = this.#scheduler.now() + this.#intervalMs;
    this.#cancelTick = this.#scheduler.setTimeout(() => {
      if (this.#stopped) return;
      this.#scheduleTick();
      this.#trigger();
    }, this.#intervalMs);
  }
}
