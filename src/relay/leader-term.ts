import type { Registry } from "prom-client";
import { childLogger } from "./child-logger.ts";
import type { CurrentConfig } from "./config-sync/index.ts";
import type { OpenSource, RelaySource } from "./relay-source.ts";
import {
  createSender,
  type FlushResult,
  heartbeatIntervalFor,
  type Logger,
  type Sender,
  type SenderOptions,
} from "./transport/index.ts";
import type { KindState } from "./watch/index.ts";

/** How the relay's sender is built; the term adds the config revision and the hooks. */
export type SenderSettings = Omit<
  SenderOptions,
  "configRevision" | "onConfigRevision" | "registry" | "logger" | "heartbeatMs" | "watchReport"
>;

export interface TermOptions {
  source: RelaySource;
  sender: SenderSettings;
  config: CurrentConfig;
  registry: Registry;
  log: Logger;
  /** The ingest answered with another config revision than ours. */
  onConfigRevision: (revision: string) => void;
}

/**
 * What runs while this relay leads: a sender and a source feeding it, both new for each term. A
 * sender stops for good once flushed, and a new leader lists everything anyway (its snapshot
 * covers whatever a previous term left unsent), so nothing carries over from one term to the next.
 * The metric families both register are the term's own; `families` names them for removal.
 */
export class LeaderTerm {
  readonly sender: Sender;
  readonly families: readonly string[];
  readonly #source: OpenSource;

  constructor(options: TermOptions) {
    const before = new Set(familyNames(options.registry));
    let source: OpenSource | undefined;
    this.sender = createSender({
      ...options.sender,
      configRevision: options.config.revision,
      // The config's staleAfter says how long the backend waits before calling the cluster down.
      heartbeatMs: heartbeatIntervalFor(options.config.config.staleAfter),
      watchReport: () => source?.watchReport(),
      onConfigRevision: options.onConfigRevision,
      registry: options.registry,
      logger: childLogger(options.log, { component: "sender" }),
    });
    source = options.source.open({ sender: this.sender, registry: options.registry, log: options.log });
    this.#source = source;
    this.#source.apply(options.config.config);
    this.families = familyNames(options.registry).filter((name) => !before.has(name));
  }

  applyConfig(current: CurrentConfig): void {
    this.sender.setConfigRevision(current.revision);
    this.sender.setHeartbeatInterval(heartbeatIntervalFor(current.config.staleAfter));
    this.#source.apply(current.config);
  }

  states(): KindState[] {
    return this.#source.states();
  }

  /**
   * Stops the source, then sends what is queued for at most `flushMs`. With 0 (leadership lost,
   * another replica may lead already) the sender stops first, abandoning a request in flight.
   */
  async stop(flushMs: number): Promise<FlushResult> {
    if (flushMs <= 0) {
      const dropped = await this.sender.flush(0);
      await this.#source.stop();
      return dropped;
    }
    await this.#source.stop();
    return this.sender.flush(flushMs);
  }
}

function familyNames(registry: Registry): string[] {
  return registry.getMetricsAsArray().map((metric) => metric.name);
}
