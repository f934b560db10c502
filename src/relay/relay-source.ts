import type { KubeConfig } from "@kubernetes/client-node";
import type { Registry } from "prom-client";
import type { Config } from "../config/schema.ts";
import type { WatchReport } from "../model/wire.ts";
import { childLogger } from "./child-logger.ts";
import { type Replay, startReplay } from "./replay/index.ts";
import type { Logger } from "./transport/logger.ts";
import type { Sender } from "./transport/sender-api.ts";
import {
  createStatusReader,
  type KindState,
  ObjectTracker,
  WatchSet,
  type WatchTiming,
  watchReportOf,
} from "./watch/index.ts";

/** What a source needs while it runs: where its changes go, and where it reports. */
export interface SourceDeps {
  sender: Sender;
  registry: Registry;
  log: Logger;
}

/** A running source of object events: the watch set of a cluster, or a replayed file. */
export interface OpenSource {
  /** The config to run with: called once at once, then on every change. */
  apply(config: Config): void;
  /** Each kind's watch, for /readyz; a replay watches nothing. */
  states(): KindState[];
  /** How the watches stand, for every batch to carry; undefined for a source that watches nothing. */
  watchReport(): WatchReport | undefined;
  stop(): Promise<void>;
}

/** Where a relay's events come from; opened anew for every leadership term. */
export interface RelaySource {
  /** How the relay describes it in its logs. */
  readonly description: Record<string, unknown>;
  open(deps: SourceDeps): OpenSource;
}

export interface ClusterSourceOptions {
  kubeConfig: KubeConfig;
  timing?: Partial<WatchTiming>;
  idleTimeoutMs?: number;
}

/** A cluster's objects, listed and watched through its API server. */
export function clusterSource(options: ClusterSourceOptions): RelaySource {
  return {
    description: { source: "cluster", server: options.kubeConfig.getCurrentCluster()?.server },
    open({ sender, registry, log }) {
      const watchSet = new WatchSet({
        kubeConfig: options.kubeConfig,
        sender,
        registry,
        log: childLogger(log, { component: "watch" }),
        ...(options.timing ? { timing: options.timing } : {}),
        ...(options.idleTimeoutMs ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
      });
      return {
        apply: (config) => watchSet.apply(config),
        states: () => watchSet.states(),
        watchReport: () => watchReportOf(watchSet.states()),
        stop: () => watchSet.stop(),
      };
    },
  };
}

export interface ReplaySourceOptions {
  /** An NDJSON file of watch events (DESIGN.md "CLI"). */
  file: string;
  /** Events a second after the initial state; absent: as fast as they are read. */
  rate?: number;
  loop?: boolean;
}

/**
 * A recorded watch stream instead of a cluster (`dev --replay FILE`): the same tracker, rules and
 * sender as a watched cluster. The replay starts once the first config is applied, so its objects
 * are read with the config's rules.
 */
export function replaySource(options: ReplaySourceOptions): RelaySource {
  return {
    description: { source: "replay", file: options.file },
    open({ sender, registry, log }) {
      const replayLog = childLogger(log, { component: "replay" });
      const tracker = new ObjectTracker({
        sender,
        readStatus: createStatusReader({ rules: [], metrics: [] }),
        log: replayLog,
      });
      let replay: Replay | undefined;
      return {
        apply(config) {
          tracker.setStatusReader(createStatusReader(config, { log: replayLog }));
          tracker.setLabelKeys(config.bundles.labelKeys);
          replay ??= started(startReplay({ ...options, tracker, registry, log: replayLog }), replayLog);
        },
        states: () => [],
        watchReport: () => undefined,
        async stop() {
          replay?.stop();
          await replay?.done.catch(() => undefined);
          tracker.close();
        },
      };
    },
  };
}

function started(replay: Replay, log: Logger): Replay {
  replay.done.then(
    (stats) => log.info("replay finished", { ...stats }),
    (error: unknown) => log.error("replay failed", { error: String(error) }),
  );
  return replay;
}
