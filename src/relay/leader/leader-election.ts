import { Gauge } from "prom-client";
import { type Logger, silentLogger } from "../transport/logger.ts";
import { type Scheduler, systemScheduler } from "../transport/scheduler.ts";
import type { Leadership, LeadershipStatus, LeaseElectionOptions } from "./leader-api.ts";
import { LeaseCandidate } from "./lease-candidate.ts";
import { LeaseLock } from "./lease-lock.ts";
import { type ElectionTiming, electionTiming } from "./timing.ts";

/** client-go's wait.JitterUntil factor: a standby waits retryPeriod·(1 + 1.2·random) between tries. */
const JITTER_FACTOR = 1.2;

/**
 * Lease-based leader election (coordination.k8s.io/v1), after client-go's leaderelection: one
 * replica leads and sends, the others stand by and take over when the lease is released or expires.
 * Unlike client-go, losing the lease does not end the process: the relay pauses and competes again.
 */
export function createLeaseElection(options: LeaseElectionOptions): Leadership {
  return new LeaseElection(options, electionTiming(options));
}

class LeaseElection implements Leadership {
  readonly #candidate: LeaseCandidate;
  readonly #scheduler: Scheduler;
  readonly #log: Logger;
  readonly #lease: string;
  #leading = false;
  #lastRenewAt: number | undefined;
  #reportedLeader = "";
  #loop: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;
  #stopped = false;
  #wake: (() => void) | undefined;
  #cancelDeadline: (() => void) | undefined;

  constructor(
    private readonly options: LeaseElectionOptions,
    private readonly timing: ElectionTiming,
  ) {
    this.#scheduler = options.scheduler ?? systemScheduler;
    this.#log = options.logger ?? silentLogger;
    const lock = new LeaseLock({
      api: options.api,
      namespace: options.namespace,
      name: options.name ?? "status-recorder-relay",
      requestTimeoutMs: timing.requestTimeoutMs,
    });
    this.#lease = lock.describe();
    this.#candidate = new LeaseCandidate({
      lock,
      identity: options.identity,
      leaseDurationSeconds: timing.leaseDurationSeconds,
      now: () => this.#scheduler.now(),
      logger: this.#log,
    });
    if (options.registry) {
      const leading = () => (this.#leading ? 1 : 0);
      new Gauge({
        name: "status_recorder_relay_leader",
        help: "1 while this relay holds the leader lease and sends, 0 while it stands by.",
        registers: [options.registry],
        collect() {
          this.set(leading());
        },
      });
    }
  }

  start(): void {
    if (this.#loop || this.#stopped) return;
    this.#log.info("competing for the leader lease", { lease: this.#lease, identity: this.options.identity });
    this.#loop = this.#run();
  }

  stop(options: { release?: boolean } = {}): Promise<void> {
    this.#stopping ??= this.#stop(options.release ?? true);
    return this.#stopping;
  }

  isLeader(): boolean {
    return this.#leading;
  }

  status(): LeadershipStatus {
    return {
      leading: this.#leading,
      leader: this.#candidate.holder,
      identity: this.options.identity,
      lastRenewAt: this.#lastRenewAt,
    };
  }

  check(toleranceMs: number): string | undefined {
    if (!this.#leading || this.#lastRenewAt === undefined) return undefined;
    const since = this.#scheduler.now() - this.#lastRenewAt;
    if (since <= this.timing.leaseDurationSeconds * 1000 + toleranceMs) return undefined;
    return `leader election stuck: leading, but the lease ${this.#lease} was last renewed ${Math.round(since / 1000)} s ago`;
  }

  async #run(): Promise<void> {
    const { renewIntervalMs, retryPeriodMs } = this.timing;
    const random = this.options.random ?? Math.random;
    while (!this.#stopped) {
      // Measured before the request: the write cannot have happened earlier, so every standby saw
      // it later, and our deadline ends before any standby's view of the lease expires.
      const attemptAt = this.#scheduler.now();
      const held = await this.#candidate.tryAcquireOrRenew();
      if (this.#stopped) return;
      this.#reportLeader();
      if (held) {
        this.#renewed(attemptAt);
        await this.#sleep(renewIntervalMs);
      } else if (this.#leading && this.#candidate.holder !== "" && !this.#candidate.holdsLease) {
        this.#stopLeading(`the lease is held by ${this.#candidate.holder}`);
        await this.#sleep(retryPeriodMs);
      } else if (this.#leading) {
        // Could not reach the API server: retry; the renew deadline ends our term if this goes on.
        await this.#sleep(retryPeriodMs);
      } else {
        await this.#sleep(retryPeriodMs * (1 + JITTER_FACTOR * random()));
      }
    }
  }

  #renewed(at: number): void {
    this.#lastRenewAt = at;
    this.#cancelDeadline?.();
    this.#cancelDeadline = this.#scheduler.setTimeout(
      () => this.#stopLeading(`could not renew the lease for ${this.timing.renewDeadlineMs} ms`),
      at + this.timing.renewDeadlineMs - this.#scheduler.now(),
    );
    if (this.#leading) return;
    this.#leading = true;
    this.#log.info("became leader", { lease: this.#lease, identity: this.options.identity });
    this.#call("onStartedLeading", this.options.onStartedLeading);
  }

  #stopLeading(reason: string): unknown {
    this.#cancelDeadline?.();
    this.#cancelDeadline = undefined;
    if (!this.#leading) return undefined;
    this.#leading = false;
    this.#log.warn("stopped leading", { lease: this.#lease, identity: this.options.identity, reason });
    return this.#call("onStoppedLeading", this.options.onStoppedLeading);
  }

  async #stop(release: boolean): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
    // Whatever the lease guards must have stopped before another replica may take it over.
    await this.#stopLeading("stopping");
    if (release && this.#candidate.holdsLease && (await this.#candidate.release())) {
      this.#log.info("released the leader lease", { lease: this.#lease });
    }
  }

  #reportLeader(): void {
    const holder = this.#candidate.holder;
    if (holder === this.#reportedLeader) return;
    this.#reportedLeader = holder;
    this.#log.info("leader observed", { lease: this.#lease, leader: holder || "(none)" });
    const onNewLeader = this.options.onNewLeader;
    if (onNewLeader) this.#call("onNewLeader", () => onNewLeader(holder));
  }

  /** Runs a callback; its failure is logged, never thrown into the election loop. */
  async #call(name: string, callback: () => unknown): Promise<void> {
    try {
      await callback();
    } catch (error) {
      this.#log.error(`${name} failed`, { error: String(error) });
    }
  }

  /** Waits `ms`, or less when `stop` wakes the loop. */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const cancel = this.#scheduler.setTimeout(resolve, ms);
      this.#wake = () => {
        cancel();
        resolve();
      };
    });
  }
}
