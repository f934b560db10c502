import { CoordinationV1Api } from "@kubernetes/client-node";
import { Registry } from "prom-client";
import { childLogger } from "./child-logger.ts";
import { type ConfigSync, type CurrentConfig, createConfigSync, defaultConfig } from "./config-sync/index.ts";
import { alwaysLeader, createLeaseElection, type Leadership, leaderIdentity } from "./leader/index.ts";
import { LeaderTerm, type SenderSettings } from "./leader-term.ts";
import { DEFAULT_PROBE_PORT, type ProbeServer, startProbeServer } from "./probes/index.ts";
import type { Relay, RelayOptions, RelayStatus } from "./relay-options.ts";
import { relayReadiness } from "./relay-readiness.ts";
import { clusterSource, type RelaySource, replaySource } from "./relay-source.ts";
import { RELAY_VERSION } from "./relay-version.ts";
import { type FlushResult, jsonLogger, type Logger } from "./transport/index.ts";

export type { Relay, RelayOptions, RelayStatus } from "./relay-options.ts";

const DEFAULT_FLUSH_TIMEOUT_MS = 10_000;
// A leader that has not renewed for the lease duration plus this is stuck: only a restart helps.
const LIVENESS_TOLERANCE_MS = 30_000;

/**
 * The relay put together (DESIGN.md "Parts"): config sync → leadership → per term a source (the
 * cluster's watches, or a replay) feeding a sender → the ingest; probes report on all of it.
 */
export function createRelay(options: RelayOptions): Relay {
  return new RelayProcess(options);
}

class RelayProcess implements Relay {
  readonly #registry: Registry;
  readonly #log: Logger;
  readonly #source: RelaySource;
  readonly #sync: ConfigSync;
  readonly #leadership: Leadership;
  readonly #senderSettings: SenderSettings;
  #term: LeaderTerm | undefined;
  /** The last term ended: its metric families stay readable until the next term registers its own. */
  #previous: LeaderTerm | undefined;
  /** Term changes run one after another: a term ends before the next begins. */
  #changes: Promise<unknown> = Promise.resolve();
  #probes: ProbeServer | undefined;
  #started: Promise<void> | undefined;
  /** Set the moment `stop` is called: from then on no term begins, and the last one flushes. */
  #stopping = false;
  #stopped: Promise<FlushResult | undefined> | undefined;
  #lastFlush: FlushResult | undefined;

  constructor(private readonly options: RelayOptions) {
    this.#registry = options.registry ?? new Registry();
    this.#log = options.logger ?? jsonLogger();
    const version = options.version ?? RELAY_VERSION;
    this.#source =
      "replay" in options
        ? replaySource(options.replay)
        : clusterSource({ kubeConfig: options.kubeConfig, ...options.watch });
    const { endpoint, cluster, secret } = options;
    this.#senderSettings = { ...options.sender, endpoint, cluster, secret, version };
    this.#sync = createConfigSync({
      ...options.configSync,
      endpoint,
      cluster,
      secret,
      version,
      ...(options.fallbackConfigFile ? { fallbackFile: options.fallbackConfigFile } : {}),
      logger: childLogger(this.#log, { component: "config" }),
      onConfig: (current) => this.#onConfig(current),
    });
    this.#leadership = this.#createLeadership();
  }

  get probeUrl(): string | undefined {
    return this.#probes?.url;
  }

  start(): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    this.#started ??= this.#start();
    return this.#started;
  }

  stop(): Promise<FlushResult | undefined> {
    this.#stopping = true;
    this.#stopped ??= this.#stop();
    return this.#stopped;
  }

  status(): RelayStatus {
    const leadership = this.#leadership.status();
    return {
      leading: leadership.leading,
      leader: leadership.leader,
      config: this.#sync.current(),
      sender: (this.#term ?? this.#previous)?.sender.stats(),
      watches: this.#term?.states() ?? [],
    };
  }

  async #start(): Promise<void> {
    const { cluster, endpoint, leaderElection } = this.options;
    this.#log.info("relay starting", {
      version: this.#senderSettings.version,
      cluster,
      endpoint,
      ...this.#source.description,
      leaderElection: leaderElection ? leaderElection.namespace : "off",
    });
    const port = this.options.probePort ?? DEFAULT_PROBE_PORT;
    if (port !== false) {
      this.#probes = await startProbeServer({
        port,
        ...(this.options.probeHost ? { hostname: this.options.probeHost } : {}),
        registry: this.#registry,
        readiness: relayReadiness({
          sync: this.#sync,
          leadership: this.#leadership,
          term: () => this.#term,
          elected: Boolean(this.options.leaderElection),
        }),
        liveness: () => [this.#leadership.check(LIVENESS_TOLERANCE_MS)],
      });
      this.#log.info("probes listening", { url: this.#probes.url });
    }
    await this.#sync.start();
    if (this.#stopping) return;
    this.#leadership.start();
  }

  async #stop(): Promise<FlushResult | undefined> {
    this.#log.info("relay stopping");
    this.#sync.stop();
    await this.#started?.catch(() => undefined);
    // Ends the term (which flushes) before the lease is released, so no two replicas send at once.
    await this.#leadership.stop();
    await this.#changes;
    await this.#probes?.close();
    this.#log.info("relay stopped", { ...this.#lastFlush });
    return this.#lastFlush;
  }

  #createLeadership(): Leadership {
    const callbacks = {
      onStartedLeading: () => this.#change(() => this.#beginTerm()),
      onStoppedLeading: () => this.#change(() => this.#endTerm()),
    };
    const settings = this.options.leaderElection;
    if (!settings || !("kubeConfig" in this.options)) return alwaysLeader(callbacks);
    const { namespace, identity, ...timing } = settings;
    return createLeaseElection({
      ...timing,
      ...callbacks,
      api: this.options.kubeConfig.makeApiClient(CoordinationV1Api),
      namespace,
      identity: identity ?? leaderIdentity(),
      registry: this.#registry,
      logger: childLogger(this.#log, { component: "leader" }),
    });
  }

  #change(step: () => Promise<void> | void): Promise<unknown> {
    this.#changes = this.#changes
      .then(step)
      .catch((error: unknown) => this.#log.error("leadership change failed", { error: String(error) }));
    return this.#changes;
  }

  #beginTerm(): void {
    if (this.#stopping || this.#term) return;
    for (const name of this.#previous?.families ?? []) this.#registry.removeSingleMetric(name);
    this.#term = new LeaderTerm({
      source: this.#source,
      sender: this.#senderSettings,
      config: this.#sync.current() ?? defaultConfig(),
      registry: this.#registry,
      log: this.#log,
      onConfigRevision: (revision) => this.#sync.requestRefresh(revision),
    });
    this.#log.info("leading: watching and sending");
  }

  async #endTerm(): Promise<void> {
    const term = this.#term;
    if (!term) return;
    // Stopping: send what is queued. Lost the lease: another replica may lead already, stop at once.
    const flushMs = this.#stopping ? (this.options.flushTimeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS) : 0;
    this.#lastFlush = await term.stop(flushMs);
    this.#previous = term;
    this.#term = undefined;
    this.#log.info("no longer leading: stopped watching and sending", { ...this.#lastFlush });
  }

  #onConfig(current: CurrentConfig): void {
    this.#term?.applyConfig(current);
  }
}
