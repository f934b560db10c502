import type { Readiness } from "./batcher.ts";
import type { SnapshotJob } from "./snapshot-job.ts";

export type Step =
  | { kind: "wait"; ms: number | undefined }
  | { kind: "delta" }
  | { kind: "heartbeat" }
  | { kind: "snapshot"; job: SnapshotJob };

/** What the sender's next step depends on, read as it plans it. */
export interface StepState {
  now: number;
  /** The object at the head of the queue, if any. */
  oldest: { readonly key: string; readonly seq: number } | undefined;
  /** Whether the queued deltas should go now (deltaReadiness). */
  readiness: Readiness;
  /** The snapshot whose parts go next, if any. */
  job: SnapshotJob | undefined;
  /** Shutting down: whatever is queued goes at once, and no heartbeat. */
  draining: boolean;
  /** When the last batch was attempted. */
  lastSentAt: number;
  /** When the ingest last acknowledged a batch. */
  lastAckedAt: number;
  heartbeatMs: number;
  /** When the failure gate next lets a batch go. */
  nextAttemptAt: number;
  /** What the last batch sent carried. */
  lastStep: "delta" | "snapshot";
  /** Objects that failed alone (Isolation). */
  suspects: { has(key: string): boolean };
}

/**
 * What to do next. One batch is in flight at a time, so batches reach the ingest in the order
 * sent. Between deltas and snapshots the rule follows from the store, which at a snapshot's last
 * part tombstones only objects that no part named and that were last seen before `listedAt`:
 * 1. Deltas queued before `sendSnapshot` was called go before its first part, so the last part
 *    judges them: an UPSERT of an object the listing no longer found (its DELETE lost while the
 *    watch was broken) gets tombstoned. Sent after the last part, it would record the object as
 *    live with nothing left to correct it.
 * 2. Deltas queued later were observed after `listedAt`, so no part tombstones them. They may
 *    go between parts, and do, alternating with parts when both are due, so neither starves the
 *    other. Parts carry listed statuses only, never a newer one (which would make the store
 *    take the deltas before it as stale), and a listed status a delta supersedes is queued as a
 *    delta just before it (SnapshotJob.supersede), so history gets both, in order, whichever
 *    of part and deltas arrives first.
 * With nothing due for the heartbeat interval, a heartbeat goes (an empty delta), so a quiet
 * cluster stays seen and its relay learns a new config revision from the answer.
 */
export function nextStep(state: StepState): Step {
  const { now, job, readiness, draining } = state;
  const beforeJob = job !== undefined && (state.oldest?.seq ?? Infinity) <= job.barrierSeq;
  const deltasDue = readiness.ready || beforeJob;
  const snapshotDue = job !== undefined && !beforeJob;
  const heartbeatWait = draining ? Number.POSITIVE_INFINITY : state.lastSentAt + state.heartbeatMs - now;
  if (!deltasDue && !snapshotDue && heartbeatWait > 0) {
    const waitMs = readiness.ready
      ? 0
      : Math.min(readiness.waitMs ?? Number.POSITIVE_INFINITY, heartbeatWait);
    return { kind: "wait", ms: Number.isFinite(waitMs) ? waitMs : undefined };
  }
  const gateWait = state.nextAttemptAt - now;
  if (gateWait > 0) return { kind: "wait", ms: gateWait };
  if (job && snapshotDue && (!deltasDue || state.lastStep === "delta")) return { kind: "snapshot", job };
  if (!deltasDue || probeFirst(state)) return { kind: "heartbeat" };
  return { kind: "delta" };
}

/**
 * Whether a heartbeat goes before the object at the head of the queue, which failed alone: only
 * another batch succeeding tells a poison event from an ingest that is down (see Isolation), and
 * with nothing else queued, a heartbeat is that batch, once per interval.
 */
function probeFirst(state: StepState): boolean {
  const head = state.oldest;
  if (state.draining || !head || !state.suspects.has(head.key)) return false;
  return state.now - state.lastAckedAt >= state.heartbeatMs;
}
