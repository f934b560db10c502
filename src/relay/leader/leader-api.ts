import type { CoordinationV1Api } from "@kubernetes/client-node";
import type { Registry } from "prom-client";
import type { Logger } from "../transport/logger.ts";
import type { Scheduler } from "../transport/scheduler.ts";

export interface LeadershipCallbacks {
  /** This relay leads: start (or resume) watching and sending. */
  onStartedLeading: () => unknown;
  /**
   * This relay no longer leads (lost the lease, or is stopping): stop sending at once, as another
   * replica may be leading already. A returned promise is awaited before the lease is released.
   */
  onStoppedLeading: () => unknown;
  /** Called when the observed holder changes (our identity included); empty for none. */
  onNewLeader?: (identity: string) => unknown;
}

export interface LeaseElectionOptions extends LeadershipCallbacks {
  api: CoordinationV1Api;
  namespace: string;
  /** The Lease's name (default `status-recorder-relay`). */
  name?: string;
  /** Unique among the candidates; the pod name (see `leaderIdentity`). */
  identity: string;
  /** How long a standby waits, after it last saw the lease change, before taking it (default 15). */
  leaseDurationSeconds?: number;
  /** The leader renews this often (default 5 s). */
  renewIntervalMs?: number;
  /** A leader that could not renew for this long stops leading (default 10 s; below the lease duration). */
  renewDeadlineMs?: number;
  /** Wait between attempts: a standby's tries to acquire (jittered), a leader's retries (default 2 s). */
  retryPeriodMs?: number;
  /** A request to the API server without a reply after this long is abandoned (default 5 s). */
  requestTimeoutMs?: number;
  scheduler?: Scheduler;
  random?: () => number;
  logger?: Logger;
  /** Adds `status_recorder_relay_leader` (1 while leading) to this registry. */
  registry?: Registry;
}

export interface LeadershipStatus {
  /** Whether this relay leads (what the callbacks last said). */
  leading: boolean;
  /** The holder last observed; empty for none or unknown. */
  leader: string;
  identity: string;
  /** Unix ms of the last successful renewal while leading. */
  lastRenewAt: number | undefined;
}

export interface Leadership {
  start(): void;
  /**
   * Stops competing; if leading, calls onStoppedLeading (and awaits it), then releases the lease
   * unless `release` is false (a crash, as tests simulate it: the standby waits for expiry).
   */
  stop(options?: { release?: boolean }): Promise<void>;
  isLeader(): boolean;
  status(): LeadershipStatus;
  /**
   * A liveness check (client-go's HealthzAdaptor): a problem when we believe we lead but have not
   * renewed for longer than the lease duration plus `toleranceMs`, i.e. the election loop is stuck.
   */
  check(toleranceMs: number): string | undefined;
}
