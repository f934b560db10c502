import type { Snapshot, WireEvent } from "../../model/wire.ts";
import { type EncodedEvent, encodeEvent } from "./batch-body.ts";
import { eventKeyOf, isOlder } from "./coalescing-queue.ts";
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

/** A snapshot on its way: its events, cut into parts lazily, one part at a time. */
export class SnapshotJob {
  readonly done: Promise<SnapshotOutcome>;
  #settle!: (outcome: SnapshotOutcome) => void;
  #index = 0;
  #part = 0;
  #cut = false;
  /** Object key → index in `events`, built on the first `supersede`. */
  #positions: Map<string, number> | undefined;
  /** Newer statuses of listed objects, by index, sent instead of the listed ones. */
  readonly #newer = new Map<number, WireEvent>();

  constructor(
    readonly id: string,
    readonly kinds: readonly string[],
    readonly listedAt: string,
    /** Deltas queued at or below this `seq` go before the first part. */
    readonly barrierSeq: number,
    private readonly events: readonly WireEvent[],
  ) {
    this.done = new Promise((resolve) => {
      this.#settle = resolve;
    });
  }

  /** Whether any part has been cut: from then on a newer snapshot does not replace this one. */
  get started(): boolean {
    return this.#cut;
  }

  get remainingEvents(): number {
    return this.events.length - this.#index;
  }

  /**
   * The next part: at most `maxEvents`, as many as fit in `maxBytes` (at least one, so a single
   * event too large for any body comes out for the caller to refuse). A snapshot with no events
   * is one empty last part, which still tombstones everything of its kinds.
   */
  cut(maxEvents: number, maxBytes: number): SnapshotPart {
    this.#cut = true;
    const start = this.#index;
    const events: EncodedEvent[] = [];
    let used = 0;
    while (this.#index < this.events.length && events.length < maxEvents) {
      const event = this.#newer.get(this.#index) ?? (this.events[this.#index] as WireEvent);
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
    return { snapshot: this.header(this.#index >= this.events.length), events, start };
  }

  /**
   * A newer status of an object this snapshot lists, seen after the listing: a part cut from here
   * on carries it instead. The same status also goes out as a delta, possibly before that part
   * (see sender.ts `nextStep`); the store skips writing a status that is no transition, so the older
   * listed status, arriving later, would otherwise be recorded over the newer one for good.
   */
  supersede(key: string, event: WireEvent): void {
    this.#positions ??= new Map(this.events.map((listed, index) => [eventKeyOf(listed), index]));
    const at = this.#positions.get(key);
    if (at === undefined) return;
    const current = this.#newer.get(at) ?? (this.events[at] as WireEvent);
    if (!isOlder(event.resourceVersion, current.resourceVersion)) this.#newer.set(at, event);
  }

  /** The part's `snapshot` field; `last: false` is the longer, for sizing a part before it is cut. */
  header(last = false): Snapshot {
    return { id: this.id, part: this.#part, last, kinds: [...this.kinds], listedAt: this.listedAt };
  }

  /** The part was acknowledged: the next cut is the next part. */
  partAcked(): void {
    this.#part++;
  }

  /** The part was refused as too large: its events go into the next, smaller, cut. */
  uncut(part: SnapshotPart): void {
    this.#index = part.start;
  }

  settle(outcome: SnapshotOutcome): void {
    this.#settle(outcome);
  }
}
