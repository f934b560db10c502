import type { GateState } from "../transport/failure-gate.ts";

/**
 * How the watch of one kind stands (the watch set's `KindState` fits this shape). `starting` and
 * `listing`: a list is running (the first one while `lastSyncAt` is absent); `backoff`: it failed
 * and waits to retry (the API server erred, a watch broke); `forbidden`: RBAC denies list or watch;
 * `not-installed`: the API server does not serve the kind (its CRD is absent).
 */
export type KindWatchState = "starting" | "listing" | "watching" | "backoff" | "forbidden" | "not-installed";

export interface KindWatchStatus {
  /** `group/Kind`, or `Kind` for the core group. */
  kind: string;
  state: KindWatchState;
  /** What an operator needs to fix it, e.g. the API server's message. */
  lastError?: string;
  /** Since when it has been failing (backoff, forbidden). */
  failingSince?: string;
  /** When the kind's last full list completed; absent until the first one has. */
  lastSyncAt?: string;
}

export interface ConfigReadiness {
  source: string;
  revision: string;
  /** The latest config problem (an invalid document, the backend unreachable), if any. */
  error?: string;
}

/** What readiness is computed from; each is read at every probe. */
export interface ReadinessSources {
  /** Undefined until the relay has a config (from the backend, the file or the defaults). */
  config: () => ConfigReadiness | undefined;
  /** Undefined until the watches are set up; an empty list when the config watches no kind. */
  watches: () => readonly KindWatchStatus[] | undefined;
  /** The sender's failure gate. */
  senderGate?: () => GateState;
  /** `standby` while another replica holds the leader lease; absent means always leading. */
  role?: () => "leader" | "standby";
}

export interface ReadinessPolicy {
  /** Not ready once every send has failed (the gate stayed open) this long (default 10 minutes). */
  maxGateOpenMs: number;
}

export const DEFAULT_READINESS_POLICY: ReadinessPolicy = { maxGateOpenMs: 10 * 60_000 };

export interface ReadinessReport {
  ready: boolean;
  /** `degraded`: ready, but some kinds cannot be watched (listed in `watch.degraded`). */
  status: "ready" | "degraded" | "not ready";
  role: "leader" | "standby";
  /** Why the relay is not ready; empty when it is. */
  reasons: string[];
  config?: ConfigReadiness;
  watch?: { watching: number; total: number; degraded: KindWatchStatus[] };
  sender?: { gate: GateState; openForSeconds?: number };
}
