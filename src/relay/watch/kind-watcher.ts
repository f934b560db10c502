import type { Logger } from "../transport/logger.ts";
import type { Scheduler } from "../transport/scheduler.ts";
import { type ApiResource, collectionPath, discoverResource } from "./discovery.ts";
import {
  describeError,
  failureCode,
  failureState,
  KindNotInstalledError,
  type KindState,
  type KindStateName,
} from "./kind-state.ts";
import { type KubeHttp, statusCodeOf } from "./kube-http.ts";
import type { Watcher } from "./kube-watch.ts";
import { listCollection } from "./list-pager.ts";
import type { Listing } from "./listing.ts";
import type { ObjectTracker } from "./object-tracker.ts";
import { retryDelay, sleep } from "./retry.ts";
import { type Scope, type ScopeWatchDeps, watchScope } from "./scope-watch.ts";
import type { RelistReason, WatchMetrics } from "./watch-metrics.ts";
import { scopesOf, type WatchTarget } from "./watch-targets.ts";
import type { WatchTiming } from "./watch-timing.ts";

export interface KindWatcherDeps {
  http: KubeHttp;
  watch: Watcher;
  tracker: ObjectTracker;
  metrics: WatchMetrics;
  log: Logger;
  scheduler: Scheduler;
  random: () => number;
  now: () => Date;
  timing: WatchTiming;
}

/**
 * Lists and watches one kind, for as long as it runs: discover → list every scope (one snapshot for
 * the kind) → watch every scope, resuming each from its last resourceVersion; 410 → list again.
 * A forbidden or uninstalled kind waits and tries again; it never affects another kind.
 * Lists and watches are client-node calls made directly (not an informer): the relay has to know
 * when a list completes to send its snapshot, and client-node's informer neither reports that nor
 * restarts after errors other than 410.
 */
export class KindWatcher {
  readonly #state: KindState;
  #stopped = false;
  #cycle = new AbortController();
  #pendingRelist: RelistReason | undefined;
  #listedOnce = false;
  #listGeneration = 0;
  #loop: Promise<void> | undefined;

  constructor(
    readonly kindKey: string,
    readonly target: WatchTarget,
    private readonly deps: KindWatcherDeps,
  ) {
    this.#state = {
      kind: kindKey,
      apiVersion: target.apiVersion,
      state: "starting",
      restarts: 0,
      relists: 0,
    };
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Ends every request of this kind; resolves once none is left. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cycle.abort();
    await this.#loop;
  }

  /** Lists the kind again as soon as possible (new rules, a rejected snapshot). */
  relist(reason: RelistReason): void {
    if (this.#stopped) return;
    this.#pendingRelist ??= reason;
    this.#cycle.abort();
  }

  state(): KindState {
    return { ...this.#state };
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      const cycle = new AbortController();
      this.#cycle = cycle;
      try {
        const resource = await discoverResource(
          this.deps.http,
          this.target.apiVersion,
          this.target.kind,
          cycle.signal,
        );
        if (!resource) throw new KindNotInstalledError(this.target.apiVersion, this.target.kind);
        this.#state.apiVersion = resource.apiVersion;
        const scopes = scopesOf(this.target, resource);
        const versions = await this.#list(resource, scopes, cycle.signal);
        failures = 0;
        if ((await this.#watch(resource, scopes, versions, cycle.signal)) === "expired")
          this.#pendingRelist ??= "expired";
      } catch (error) {
        if (this.#stopped || cycle.signal.aborted) continue;
        failures++;
        const state = failureState(error);
        this.#set(state, error);
        const policy = state === "backoff" ? this.deps.timing.errorRetry : this.deps.timing.absentRetry;
        await sleep(retryDelay(failures, policy, this.deps.random), this.deps.scheduler, cycle.signal);
      }
    }
  }

  /** Lists every scope into one listing; returns each scope's resourceVersion to watch from. */
  async #list(resource: ApiResource, scopes: readonly Scope[], signal: AbortSignal): Promise<string[]> {
    this.#set("listing");
    if (this.#listedOnce) {
      const reason = this.#pendingRelist ?? "error";
      this.#state.relists++;
      this.deps.metrics.relists.inc({ kind: this.kindKey, reason });
    }
    this.#pendingRelist = undefined;
    const { http, tracker, timing } = this.deps;
    for (let attempt = 0; ; attempt++) {
      const listedAt = this.deps.now();
      const listing = tracker.beginListing(this.kindKey);
      try {
        const versions: string[] = [];
        for (const scope of scopes) {
          const path = collectionPath(resource, scope.namespace);
          const options = { labelSelector: scope.labelSelector, limit: timing.pageSize, signal };
          versions.push(
            await listCollection(
              http,
              resource,
              path,
              (page) => {
                for (const o of page) listing.add(o);
              },
              options,
            ),
          );
        }
        this.#complete(listing, listedAt);
        return versions;
      } catch (error) {
        // The revision the pages were pinned to was compacted: a consistent list starts over.
        if (statusCodeOf(error) !== 410 || attempt >= timing.maxListRestarts) throw error;
      }
    }
  }

  #complete(listing: Listing, listedAt: Date): void {
    const generation = ++this.#listGeneration;
    this.#listedOnce = true;
    this.#state.lastSyncAt = this.deps.now().toISOString();
    listing.complete(listedAt).then(
      (outcome) => {
        if (outcome === "rejected" && generation === this.#listGeneration) this.relist("snapshot_rejected");
        else if (outcome === "dropped")
          this.deps.log.error("snapshot dropped: the ingest refused it", { kind: this.kindKey });
      },
      (error: unknown) =>
        this.deps.log.error("snapshot not sent", { kind: this.kindKey, error: describeError(error) }),
    );
  }

  /** Watches every scope until one needs a relist ("expired"), the cycle is aborted, or one throws. */
  async #watch(
    resource: ApiResource,
    scopes: readonly Scope[],
    versions: readonly string[],
    signal: AbortSignal,
  ): Promise<"expired" | "stopped"> {
    // A relist asked for while the list finished has already aborted the cycle: no listener would hear it.
    if (signal.aborted) return "stopped";
    this.#set("watching");
    const inner = new AbortController();
    const abortInner = () => inner.abort();
    signal.addEventListener("abort", abortInner, { once: true });
    const { watch, tracker, metrics, scheduler, random, timing } = this.deps;
    const scopeDeps: ScopeWatchDeps = {
      watch,
      tracker,
      metrics,
      scheduler,
      random,
      resource,
      kindKey: this.kindKey,
      errorRetry: timing.errorRetry,
      minWatchTimeoutSeconds: timing.minWatchTimeoutSeconds,
      onRestart: () => {
        this.#state.restarts++;
        metrics.watchRestarts.inc({ kind: this.kindKey });
      },
      onState: (state, error) => this.#set(state, error),
    };
    const runs = scopes.map((scope, i) => watchScope(scopeDeps, scope, versions[i] ?? "", inner.signal));
    try {
      return await Promise.race(runs);
    } finally {
      inner.abort();
      signal.removeEventListener("abort", abortInner);
      await Promise.allSettled(runs);
    }
  }

  #set(state: KindStateName, error?: unknown): void {
    const previous = this.#state.state;
    this.#state.state = state;
    if (error !== undefined) this.#state.lastError = describeError(error);
    if (state === "backoff" || state === "forbidden") {
      this.#state.failingSince ??= this.deps.now().toISOString();
      if (error !== undefined) this.#state.failingCode = failureCode(error);
    } else if (state !== "listing" && state !== "starting") {
      // A list after a failure is not a recovery yet: only a watch open (or a kind found absent) is.
      delete this.#state.failingSince;
      delete this.#state.failingCode;
    }
    if (state === previous) return;
    const fields = {
      kind: this.kindKey,
      state,
      ...(error === undefined ? {} : { error: describeError(error) }),
    };
    if (state === "forbidden" || state === "backoff") this.deps.log.warn("watch interrupted", fields);
    else this.deps.log.info("watch state", fields);
  }
}
