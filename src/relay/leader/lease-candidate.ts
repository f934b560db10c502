import type { Logger } from "../transport/logger.ts";
import type { LeaderRecord, LeaseLock } from "./lease-lock.ts";

export interface LeaseCandidateOptions {
  lock: Pick<LeaseLock, "get" | "create" | "update" | "describe">;
  identity: string;
  leaseDurationSeconds: number;
  now: () => number;
  logger: Logger;
}

/**
 * One candidate's view of the lease, and its single step: client-go's `tryAcquireOrRenew`. Like
 * client-go it trusts no timestamp in the record (other clocks may be skewed): a lease held by
 * someone else counts as expired only once this candidate has seen it unchanged, by its own clock,
 * for the lease's duration.
 */
export class LeaseCandidate {
  #observed: LeaderRecord | undefined;
  #observedRaw: string | undefined;
  /** When, by our clock, the record last changed as far as we saw. */
  #observedAt = 0;

  constructor(private readonly options: LeaseCandidateOptions) {}

  /** The holder in the record last seen; empty when none. */
  get holder(): string {
    return this.#observed?.holderIdentity ?? "";
  }

  /** The record last seen names us as holder. */
  get holdsLease(): boolean {
    return this.holder === this.options.identity;
  }

  /** Acquires or renews the lease; true when we hold it afterwards. Never throws. */
  async tryAcquireOrRenew(): Promise<boolean> {
    const { lock, identity, logger } = this.options;
    const now = this.options.now();
    const desired: LeaderRecord = {
      holderIdentity: identity,
      leaseDurationSeconds: this.options.leaseDurationSeconds,
      acquireTime: now,
      renewTime: now,
      leaseTransitions: 0,
    };
    // 1. Fast path: we held a valid lease when we last looked, so write without reading first.
    if (this.#observed && this.holdsLease && this.#valid(now)) {
      const renewal = { ...desired, ...keptFrom(this.#observed) };
      try {
        await lock.update(renewal);
        this.#see(renewal, now);
        return true;
      } catch (error) {
        logger.debug("optimistic lease renewal failed; reading the lease", { error: String(error) });
      }
    }
    try {
      // 2. Read the lease, or create it.
      const current = await lock.get();
      if (!current) {
        await lock.create(desired);
        this.#see(desired, now);
        return true;
      }
      // 3. Someone else holds it and we have not seen it go stale yet.
      if (current.raw !== this.#observedRaw) {
        this.#see(current.record, now);
        this.#observedRaw = current.raw;
      }
      const { record } = current;
      if (record.holderIdentity && record.holderIdentity !== identity && this.#valid(now)) return false;
      // 4. Take it over (a new term) or renew it (the same term).
      const next =
        record.holderIdentity === identity
          ? { ...desired, ...keptFrom(record) }
          : { ...desired, leaseTransitions: record.leaseTransitions + 1 };
      await lock.update(next);
      this.#see(next, now);
      return true;
    } catch (error) {
      logger.debug("lease attempt failed", { lease: lock.describe(), error: String(error) });
      return false;
    }
  }

  /**
   * Gives the lease up if we hold it, so a standby takes over at once instead of after the lease
   * expires: clears the holder and shortens the duration, as client-go's `release` does.
   */
  async release(): Promise<boolean> {
    const { lock, identity, logger } = this.options;
    try {
      // Read first: the resourceVersion of our last write may be stale.
      const current = await lock.get();
      if (!current || current.record.holderIdentity !== identity) return true;
      const now = this.options.now();
      const released: LeaderRecord = {
        holderIdentity: "",
        leaseDurationSeconds: 1,
        acquireTime: now,
        renewTime: now,
        leaseTransitions: current.record.leaseTransitions,
      };
      await lock.update(released);
      this.#see(released, now);
      return true;
    } catch (error) {
      logger.warn("releasing the lease failed; a standby takes over once it expires", {
        lease: lock.describe(),
        error: String(error),
      });
      return false;
    }
  }

  /** The lease we last saw is still running by our clock (for the duration the record states). */
  #valid(now: number): boolean {
    const seconds = this.#observed?.leaseDurationSeconds || this.options.leaseDurationSeconds;
    return this.#observedAt + seconds * 1000 > now;
  }

  #see(record: LeaderRecord, now: number): void {
    this.#observed = record;
    this.#observedRaw = undefined;
    this.#observedAt = now;
  }
}

/** What a renewal keeps from the term it continues. */
function keptFrom(record: LeaderRecord): Pick<LeaderRecord, "acquireTime" | "leaseTransitions"> {
  return { acquireTime: record.acquireTime, leaseTransitions: record.leaseTransitions };
}
