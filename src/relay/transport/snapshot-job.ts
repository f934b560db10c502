import { groupOf } from "../../interpret/kube-object.ts";
import type { Snapshot, WireEvent } from "../../model/wire.ts";
import { kindKeyOf } from "../../store/object-key.ts";
import { type EncodedEvent, encodeEvent } from "./batch-body.ts";
import { eventKeyOf } from "./history-queue.ts";
import { isOlder } from "./resource-version.ts";
import { problemWith } from "./validate-event.ts";

/**
 * completed: every part acknowledged (the last one tombstoned what no part named); rejected: the
 * ingest found a part missing (409), the caller should list again; dropped: the ingest refused a
 * part for good, or an event could not be sent, so the snapshot was abandoned before its last part
 * (nothing is tombstoned); superseded: a newer snapshot of the same kinds came before this one
 * started; stopped: the sender shut down first.
 */
export type SnapshotOutcome = "completed" | "rejected" | "dropped" | "superseded" | "stopped";

export interface SnapshotPart {
  readonly snapshot: Snapshot;
  readonly events: readonly EncodedEvent[];
  /** Index of the part's first event in the snapshot's list, to cut the part again smaller. */
  readonly start: number;
  /** Set when an event cannot be sent (see `problemWith`): the snapshot cannot be completed. */
  readonly invalid?: string;
}

/**
 * A snapshot on its way: its events, cut into parts lazily, one part at a time. Its events are the
 * listed ones, then the objects of its kinds first seen after the listing (see `supersede`).
 */
export class SnapshotJob {
  readonly done: Promise<SnapshotOutcome>;
  #settle!: (outcome: SnapshotOutcome) => void;
  #index = 0;
  /** Events before this index are in acknowledged parts: the store has them. */
  #acked = 0;
  #part = 0;
  #cut = false;
  /** Object key → index in the job's events, built on the first `supersede`. */
  #positions: Map<string, number> | undefined;
  /** Listed objects seen since with a newer status: their listed one was handed back once (`supersede`). */
  readonly #displaced = new Set<number>();
  /** Objects of these kinds first seen after the listing, indexed after the listed ones; undefined once deleted. */
  readonly #unlisted: (WireEvent | undefined)[] = [];
  readonly #kinds: ReadonlySet<string>;
  /** How many events the part last cut saw: a later unlisted object means it must be cut again. */
  #seenWhenCut = 0;

  constructor(
    readonly id: string,
    readonly kinds: readonly string[],
    readonly listedAt: string,
    /** Deltas queued at or below this `seq` go before the first part. */
    readonly barrierSeq: number,
    private readonly events: readonly WireEvent[],
  ) {
    this.#kinds = new Set(kinds);
    this.done = new Promise((resolve) => {
      this.#settle = resolve;
    });
  }

  /** Whether any part has been cut: from then on a newer snapshot does not replace this one. */
  get started(): boolean {
    return this.#cut;
  }

  get remainingEvents(): number {
    return this.#total - this.#index;
  }

  get #total(): number {
    return this.events.length + this.#unlisted.length;
  }

  /**
   * The next part: at most `maxEvents`, as many as fit in `maxBytes` (at least one, so a single
   * event too large for any body comes out for the caller to refuse). A snapshot with no events
   * is one empty last part, which still tombstones everything of its kinds.
   */
  cut(maxEvents: number, maxBytes: number): SnapshotPart {
    this.#cut = true;
    this.#seenWhenCut = this.#total;
    const start = this.#index;
    const events: EncodedEvent[] = [];
    let used = 0;
    while (this.#index < this.#total && events.length < maxEvents) {
      const event = this.#eventAt(this.#index);
      if (event === undefined) {
        this.#index++; // seen after the listing, deleted since: nothing to name
        continue;
      }
      // Leaving a bad event out is no option: the last part would tombstone its object.
      const problem = problemWith(event);
      if (problem)
        return { snapshot: this.header(false), events, start, invalid: `${eventKeyOf(event)}: ${problem}` };
      const encoded = encodeEvent(event);
      const cost = encoded.bytes + (events.length > 0 ? 1 : 0);
      if (events.length > 0 && used + cost > maxBytes) break;
      events.push(encoded);
      used += cost;
      this.#index++;
    }
    return { snapshot: this.header(this.#index >= this.#total), events, start };
  }

  /**
   * Whether the last part, cut but not yet acknowledged, misses an object seen since it was cut: it
   * must be cut again (`uncut`) before it is sent again, or it would tombstone that object.
   */
  lastPartStale(part: SnapshotPart): boolean {
    return part.snapshot.last && this.#total > this.#seenWhenCut;
  }

  /**
   * A status of an object seen after the listing. Every part names each object with the oldest of
   * its statuses the store may not have yet, never a newer one: a part can reach the ingest before
   * the deltas observed after the listing, and a newer status there would make the store take every
   * status in between as stale, lost to history. So a listed object keeps its listed status here,
   * and that status is handed back, the first time a newer one is seen, unless a part the ingest
   * acknowledged carried it: the caller sends it as a delta just before `event`, since a part still
   * to come may go after the newer delta, and the store, ordering by observation, takes it as stale.
   * (A part in flight, or cut and not yet sent, may carry it too: the store takes it once.)
   *
   * An object of these kinds the listing did not find (created since, or a replay's object added
   * later) is named by a part cut from here on, with the first status seen, unless it is deleted
   * first: a delta whose status equals the stored one writes nothing, so the store would still hold
   * the object as last seen before `listedAt`, and the last part would tombstone a live object.
   */
  supersede(key: string, event: WireEvent): WireEvent | undefined {
    this.#positions ??= new Map(this.events.map((listed, index) => [eventKeyOf(listed), index]));
    const at = this.#positions.get(key);
    if (at === undefined) {
      const { apiVersion, kind } = event.object;
      if (event.type === "DELETE" || !this.#kinds.has(kindKeyOf(groupOf(apiVersion), kind))) return undefined;
      this.#positions.set(key, this.events.length + this.#unlisted.length);
      this.#unlisted.push(event);
      return undefined;
    }
    if (at >= this.events.length) {
      // Unlisted: named only while it exists; a part already cut named it, which a delete corrects.
      const index = at - this.events.length;
      if (event.type === "DELETE") this.#unlisted[index] = undefined;
      else this.#unlisted[index] ??= event;
      return undefined;
    }
    const listed = this.events[at] as WireEvent;
    if (this.#displaced.has(at) || at < this.#acked) return undefined;
    if (
      event.resourceVersion === listed.resourceVersion ||
      isOlder(event.resourceVersion, listed.resourceVersion)
    )
      return undefined;
    this.#displaced.add(at);
    return listed;
  }

  #eventAt(index: number): WireEvent | undefined {
    if (index >= this.events.length) return this.#unlisted[index - this.events.length];
    return this.events[index] as WireEvent;
  }

  /** The part's `snapshot` field; `last: false` is the longer, for sizing a part before it is cut. */
  header(last = false): Snapshot {
    return { id: this.id, part: this.#part, last, kinds: [...this.kinds], listedAt: this.listedAt };
  }

  /** The part was acknowledged: the next cut is the next part. */
  partAcked(): void {
    this.#part++;
    this.#acked = this.#index;
  }

  /** The part was refused as too large: its events go into the next, smaller, cut. */
  uncut(part: SnapshotPart): void {
    this.#index = part.start;
  }

  settle(outcome: SnapshotOutcome): void {
    this.#settle(outcome);
  }
}
