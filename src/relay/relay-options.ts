import type { KubeConfig } from "@kubernetes/client-node";
import type { Registry } from "prom-client";
import type { ConfigSyncOptions, CurrentConfig } from "./config-sync/index.ts";
import type { LeaseElectionOptions } from "./leader/index.ts";
import type { ReplaySourceOptions } from "./relay-source.ts";
import type { FlushResult, Logger, SenderOptions, SenderStats } from "./transport/index.ts";
import type { KindState, WatchTiming } from "./watch/index.ts";

/** Lease-based election among the relay's replicas; the Lease lives in `namespace`. */
export type LeaderElectionSettings = { namespace: string } & Partial<
  Pick<
    LeaseElectionOptions,
    | "identity"
    | "name"
    | "leaseDurationSeconds"
    | "renewIntervalMs"
    | "renewDeadlineMs"
    | "retryPeriodMs"
    | "requestTimeoutMs"
  >
>;

interface CommonOptions {
  /** Base URL of the ingest; a trailing "/" is fine. */
  endpoint: string;
  cluster: string;
  /** The cluster's HMAC secret; a function is asked at every request (see `secretFromFile`). */
  secret: string | (() => string);
  /** YAML config to run with while the backend cannot be reached at start. */
  fallbackConfigFile?: string;
  /** Where /healthz, /readyz and /metrics answer (default 9090; 0 picks a free port); false: nowhere. */
  probePort?: number | false;
  probeHost?: string;
  /** The relay's registry; one election per registry, so one relay per registry. */
  registry?: Registry;
  /** Default: JSON lines on stdout. */
  logger?: Logger;
  /** How long `stop` sends what is queued before giving up (default 10 s, inside a pod's 30 s grace). */
  flushTimeoutMs?: number;
  /** Defaults to the package's version. */
  version?: string;
  sender?: Pick<SenderOptions, "limits" | "backoff" | "gateThreshold" | "requestTimeoutMs" | "fetch">;
  configSync?: Pick<ConfigSyncOptions, "intervalMs" | "backoff" | "requestTimeoutMs" | "fetch">;
}

/** A relay watching a cluster, alone (`leaderElection: false`) or as one of several replicas. */
export interface ClusterRelayOptions extends CommonOptions {
  kubeConfig: KubeConfig;
  leaderElection: LeaderElectionSettings | false;
  watch?: { timing?: Partial<WatchTiming>; idleTimeoutMs?: number };
}

/** A relay replaying a recorded watch stream (`dev --replay`): no cluster, so no election. */
export interface ReplayRelayOptions extends CommonOptions {
  replay: ReplaySourceOptions;
  leaderElection?: false;
}

export type RelayOptions = ClusterRelayOptions | ReplayRelayOptions;

export interface RelayStatus {
  leading: boolean;
  /** The leader last observed; empty for none. */
  leader: string;
  config: CurrentConfig | undefined;
  /** The current (or last) term's sender. */
  sender: SenderStats | undefined;
  watches: KindState[];
}

export interface Relay {
  /** Starts the probes, loads the config, then competes for (or takes) the lead. Resolves once it has. */
  start(): Promise<void>;
  /**
   * Stops watching, sends what is queued (at most `flushTimeoutMs`), releases the lease, closes the
   * probes. Resolves with the flush's outcome (undefined when this relay was not leading).
   */
  stop(): Promise<FlushResult | undefined>;
  status(): RelayStatus;
  /** Where the probes answer, once started; undefined without them. */
  readonly probeUrl: string | undefined;
}
