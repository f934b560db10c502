import { groupOf } from "../../interpret/kube-object.ts";
import type { WireEvent } from "../../model/wire.ts";
import { type EncodedEvent, encodeEvent } from "./batch-body.ts";

/** One object's newest unsent event. */
export interface QueuedEvent extends EncodedEvent {
  /** `group/kind/namespace/name`, unique within the cluster. */
  readonly key: string;
  readonly resourceVersion: string;
  /**
   * When this object's oldest unsent change was queued (ms). A newer status keeps it, so lag
   * measures how long the recorded state has been behind, not how old the latest status is.
   */
  readonly enqueuedAt: number;
  /** Insertion order, kept across replacements: lets a snapshot wait for the deltas queued before it. */
  readonly seq: number;
}

export type EnqueueResult = "added" | "replaced" | "older-ignored";

const NUMERIC = /^\d+$/;
const LEADING_ZEROS = /^0+/;

/** Cluster-local object key of an event: one queue slot per object, whatever version it was read at. */
export function eventKeyOf(event: WireEvent): string {
  const { apiVersion, kind, namespace, name } = event.object;
  return `${groupOf(apiVersion)}/${kind}/${namespace ?? ""}/${name}`;
}

/**
 * Newest status per object, oldest object first. A newer status replaces the queued one in place
 * rather than moving to the back: an object that changes faster than batches drain would otherwise
 * keep going to the back and never be sent, while in place its lag is bounded by one pass over the
 * queue. At most one entry per object, so while the endpoint is down memory grows with the number
 * of objects, not the number of changes.
 */
export class CoalescingQueue {
  #entries = new Map<string, QueuedEvent>();
  #bytes = 0;
  #seq = 0;

  get size(): number {
    return this.#entries.size;
  }

  /** Sum of the queued events' encoded sizes (UTF-8 bytes). */
  get bytes(): number {
    return this.#bytes;
  }

  /** The `seq` the last new entry received: entries at or below it were queued before now. */
  get lastSeq(): number {
    return this.#seq;
  }

  /** The entry that has waited longest (the next to be taken). */
  oldest(): QueuedEvent | undefined {
    for (const entry of this.#entries.values()) return entry;
    return undefined;
  }

  enqueue(event: WireEvent, now: number): EnqueueResult {
    const key = eventKeyOf(event);
    const queued = this.#entries.get(key);
    // Watches deliver in order, so arrival order is the rule; a numerically older resourceVersion
    // can only be a replay (a relist racing the watch), and must not hide the newer status.
    if (queued && isOlder(event.resourceVersion, queued.resourceVersion)) return "older-ignored";
    const encoded = encodeEvent(event);
    const entry: QueuedEvent = {
      key,
      json: encoded.json,
      bytes: encoded.bytes,
      resourceVersion: event.resourceVersion,
      enqueuedAt: queued?.enqueuedAt ?? now,
      seq: queued?.seq ?? ++this.#seq,
    };
    this.#bytes += entry.bytes - (queued?.bytes ?? 0);
    this.#entries.set(key, entry); // an existing key keeps its position in a Map
    return queued ? "replaced" : "added";
  }

  /**
   * Removes and returns the oldest entries: at most `maxCount`, and as many as fit in `maxBytes`
   * counting a comma between events. Always at least one entry when any is queued, so an event
   * larger than the budget still comes out (for the caller to refuse) instead of blocking the queue.
   */
  take(maxCount: number, maxBytes: number): QueuedEvent[] {
    const taken: QueuedEvent[] = [];
    let used = 0;
    for (const entry of this.#entries.values()) {
      if (taken.length >= maxCount) break;
      const cost = entry.bytes + (taken.length > 0 ? 1 : 0);
      if (taken.length > 0 && used + cost > maxBytes) break;
      taken.push(entry);
      used += cost;
      this.#entries.delete(entry.key);
    }
    for (const entry of taken) this.#bytes -= entry.bytes;
    return taken;
  }

  /**
   * Puts entries of a failed batch back at the front, in their order. An object queued again since
   * they were taken has a newer status, which stays: the failed one is discarded. Returns how many
   * were put back.
   */
  putBack(entries: readonly QueuedEvent[]): number {
    const back = entries.filter((entry) => !this.#entries.has(entry.key));
    if (back.length === 0) return 0;
    // Rebuilding is O(queue), but only on a failed send, which is followed by a backoff anyway.
    const next = new Map<string, QueuedEvent>();
    for (const entry of back) next.set(entry.key, entry);
    for (const [key, entry] of this.#entries) next.set(key, entry);
    this.#entries = next;
    for (const entry of back) this.#bytes += entry.bytes;
    return back.length;
  }
}

/** Whether `a` is strictly older than `b`, when both are numeric (etcd revisions); else unknown, so false. */
export function isOlder(a: string, b: string): boolean {
  if (!NUMERIC.test(a) || !NUMERIC.test(b)) return false;
  const x = a.replace(LEADING_ZEROS, "");
  const y = b.replace(LEADING_ZEROS, "");
  // Equal-length digit strings compare as numbers do; this avoids a BigInt on the hot path.
  return x.length !== y.length ? x.length < y.length : x < y;
}
