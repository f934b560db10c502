import type { KubeConfig } from "@kubernetes/client-node";
import type { Registry } from "prom-client";
import type { Config } from "../../config/schema.ts";
import { type Logger, silentLogger } from "../transport/logger.ts";
import { type Scheduler, systemScheduler } from "../transport/scheduler.ts";
import type { Sender } from "../transport/sender-api.ts";
import type { KindState } from "./kind-state.ts";
import { KindWatcher, type KindWatcherDeps } from "./kind-watcher.ts";
import { createKubeHttp } from "./kube-http.ts";
import { KubeWatch } from "./kube-watch.ts";
import { monotonicClock } from "./monotonic-clock.ts";
import { ObjectTracker } from "./object-tracker.ts";
import { createStatusReader } from "./status-reader.ts";
import { createWatchMetrics } from "./watch-metrics.ts";
import { kindsReadDifferently, watchTargets } from "./watch-targets.ts";
import { DEFAULT_TIMING, type WatchTiming } from "./watch-timing.ts";

export interface WatchSetOptions {
  kubeConfig: KubeConfig;
  sender: Pick<Sender, "enqueue" | "sendSnapshot">;
  /** The relay's registry. */
  registry: Registry;
  log?: Logger;
  scheduler?: Scheduler;
  random?: () => number;
  now?: () => Date;
  timing?: Partial<WatchTiming>;
  /**
   * A watch silent this long is resumed (default 150 s: a real server sends a bookmark every minute,
   * cacher's defaultBookmarkFrequency, so client-node's 30 s would cut a quiet kind twice a minute).
   */
  idleTimeoutMs?: number;
}

type Applied = Pick<Config, "rules" | "metrics"> & { targets: Map<string, string>; labelKeys: string };

/**
 * Every configured kind's watcher, kept in line with the config: `apply` starts the kinds added,
 * stops the kinds removed, restarts kinds whose namespaces or selectors changed, and lists again
 * the kinds whose rules or metric families changed. One tracker holds the state of all kinds.
 */
export class WatchSet {
  readonly tracker: ObjectTracker;
  readonly #watchers = new Map<string, KindWatcher>();
  readonly #stopping = new Set<Promise<void>>();
  readonly #deps: KindWatcherDeps;
  #applied: Applied | undefined;

  constructor(options: WatchSetOptions) {
    const log = options.log ?? silentLogger;
    // One clock for observations and listings: a listing's start is compared with observedAt.
    const now = monotonicClock(options.now);
    this.tracker = new ObjectTracker({
      sender: options.sender,
      readStatus: createStatusReader({ rules: [], metrics: [] }),
      now,
      log,
    });
    this.#deps = {
      http: createKubeHttp(options.kubeConfig),
      watch: new KubeWatch(options.kubeConfig, options.idleTimeoutMs ?? 150_000),
      tracker: this.tracker,
      metrics: createWatchMetrics(options.registry, {
        trackedObjects: () => this.tracker.size(),
        states: () => this.states(),
      }),
      log,
      scheduler: options.scheduler ?? systemScheduler,
      random: options.random ?? Math.random,
      now,
      timing: { ...DEFAULT_TIMING, ...options.timing },
    };
  }

  /** Brings the watched kinds in line with `config`; returns at once, the watchers work on. */
  apply(config: Config): void {
    const targets = watchTargets(config);
    const before = this.#applied;
    const labelKeys = JSON.stringify(config.bundles.labelKeys);
    const rereadKinds = before ? kindsReadDifferently(before, config, targets) : new Set<string>();
    if (!before || rereadKinds.size > 0)
      this.tracker.setStatusReader(createStatusReader(config, { now: this.#deps.now, log: this.#deps.log }));
    this.tracker.setLabelKeys(config.bundles.labelKeys);
    const relabelled = before !== undefined && before.labelKeys !== labelKeys;
    for (const [key, watcher] of this.#watchers) {
      if (targets.has(key)) continue;
      this.#stop(key, watcher);
      this.tracker.forgetKind(key);
    }
    const applied = new Map<string, string>();
    for (const [key, target] of targets) {
      const json = JSON.stringify(target);
      applied.set(key, json);
      const watcher = this.#watchers.get(key);
      if (watcher && before?.targets.get(key) === json) {
        if (relabelled || rereadKinds.has(key)) watcher.relist("config");
        continue;
      }
      if (watcher) this.#stop(key, watcher);
      const started = new KindWatcher(key, target, this.#deps);
      this.#watchers.set(key, started);
      started.start();
    }
    this.#applied = { rules: config.rules, metrics: config.metrics, targets: applied, labelKeys };
  }

  /** Every watched kind's state, for /readyz. */
  states(): KindState[] {
    return [...this.#watchers.values()].map((w) => w.state());
  }

  /** Stops every watcher and waits until no request is left. */
  async stop(): Promise<void> {
    for (const [key, watcher] of this.#watchers) this.#stop(key, watcher);
    await Promise.all([...this.#stopping]);
    this.tracker.close();
  }

  #stop(key: string, watcher: KindWatcher): void {
    this.#watchers.delete(key);
    const stopping = watcher.stop().finally(() => this.#stopping.delete(stopping));
    this.#stopping.add(stopping);
  }
}
