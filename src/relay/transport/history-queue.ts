import { identityKeyOf } from "../../model/object-key.ts";
import type { WireEvent } from "../../model/wire.ts";
import type { EncodedEvent } from "./batch-body.ts";
import { HeldHistory, HISTORY_BOUND } from "./held-history.ts";

export type EnqueueResult = "added" | "appended" | "older-ignored";

/** An event taken for a batch, with the object it belongs to. */
export interface TakenEvent extends EncodedEvent {
  readonly key: string;
}

/** What `take` removed: the events in batch order, and the histories they came from, to put back. */
export interface Taken {
  readonly events: readonly TakenEvent[];
  readonly histories: readonly HeldHistory[];
}

/** Cluster-local object key of an event (model/object-key.ts): one queue slot per object, whatever version it was read at. */
export function eventKeyOf(event: WireEvent): string {
  return identityKeyOf(event.object);
}

/**
 * Every object's observed statuses not yet acknowledged, in order, one slot per object, oldest
 * object first. A new status joins its object's slot in place rather than going to the back: an
 * object that changes faster than batches drain would otherwise keep going to the back and never be
 * sent, while in place its lag is bounded by one pass over the queue. A slot holds at most `bound`
 * statuses (HeldHistory), so while the endpoint is down memory grows with the number of objects,
 * not the number of changes.
 */
export class HistoryQueue {
  #slots = new Map<string, HeldHistory>();
  #bytes = 0;
  #events = 0;
  #seq = 0;

  constructor(private readonly bound = HISTORY_BOUND) {}

  /** Objects with statuses queued. */
  get size(): number {
    return this.#slots.size;
  }

  /** Statuses queued, over every object. */
  get events(): number {
    return this.#events;
  }

  /** Sum of the queued events' encoded sizes (UTF-8 bytes). */
  get bytes(): number {
    return this.#bytes;
  }

  /** The `seq` the last new slot received: slots at or below it were queued before now. */
  get lastSeq(): number {
    return this.#seq;
  }

  /** The slot that has waited longest (the next to be taken). */
  oldest(): HeldHistory | undefined {
    for (const slot of this.#slots.values()) return slot;
    return undefined;
  }

  /** Whether `key` has statuses queued. */
  has(key: string): boolean {
    return this.#slots.has(key);
  }

  /** Queues the event; `dropped` counts the statuses that went into the object's gap for it. */
  enqueue(event: WireEvent, now: number): { result: EnqueueResult; dropped: number } {
    const key = eventKeyOf(event);
    const queued = this.#slots.get(key);
    // Watches deliver in order, so arrival order is the rule; a numerically older resourceVersion
    // can only be a replay (a relist racing the watch), and must not be recorded after the newer.
    if (queued?.isOlderThanNewest(event)) return { result: "older-ignored", dropped: 0 };
    const slot = queued ?? new HeldHistory(key, now, ++this.#seq);
    const before = slot.bytes;
    const beforeEvents = slot.length;
    const dropped = slot.add(event, this.bound);
    this.#account(slot, before, beforeEvents);
    if (!queued) this.#slots.set(key, slot);
    return { result: queued ? "appended" : "added", dropped };
  }

  /**
   * Removes and returns the oldest slots' events: at most `maxEvents`, as many as fit in `maxBytes`
   * counting a comma between events, a slot's statuses in order. Always at least one event when any
   * is queued, so an event larger than the budget still comes out (for the caller to refuse) instead
   * of blocking the queue. A slot that does not fit whole is split when nothing else is taken yet.
   * `maxSlots` caps how many objects go (narrowing down a batch that keeps failing); `alone` names
   * objects that go only in a batch of their own.
   */
  take(
    maxEvents: number,
    maxBytes: number,
    maxSlots = Infinity,
    alone?: { has(key: string): boolean },
  ): Taken {
    const events: TakenEvent[] = [];
    const histories: HeldHistory[] = [];
    let used = 0;
    for (const slot of this.#slots.values()) {
      if (histories.length >= maxSlots || events.length >= maxEvents) break;
      const solo = alone?.has(slot.key) ?? false;
      if (solo && histories.length > 0) break;
      const fit = this.#fitting(slot, maxEvents - events.length, maxBytes - used, events.length > 0);
      if (fit === 0) break;
      const taken = fit < slot.length ? slot.takeFront(fit) : slot;
      if (taken === slot) this.#slots.delete(slot.key);
      this.#bytes -= taken.bytes;
      this.#events -= taken.length;
      histories.push(taken);
      for (const encoded of taken.encode()) {
        used += encoded.bytes + (events.length > 0 ? 1 : 0);
        events.push({ key: slot.key, json: encoded.json, bytes: encoded.bytes });
      }
      if (taken !== slot || solo) break;
    }
    return { events, histories };
  }

  /**
   * Puts the histories of a failed batch back, in their order: at the front, or at the back (an
   * object suspected of failing its batches goes behind the others). An object queued again since
   * they were taken has newer statuses: those go after the ones put back, in one slot. Returns how
   * many statuses went into gaps for it.
   */
  putBack(histories: readonly HeldHistory[], where: "front" | "back" = "front"): number {
    if (histories.length === 0) return 0;
    let dropped = 0;
    const back = new Map<string, HeldHistory>();
    for (const history of histories) {
      const newer = this.#slots.get(history.key);
      if (newer) {
        this.#slots.delete(history.key);
        this.#bytes -= newer.bytes;
        this.#events -= newer.length;
        dropped += history.absorb(newer, this.bound);
      }
      this.#bytes += history.bytes;
      this.#events += history.length;
      back.set(history.key, history);
    }
    if (where === "back") {
      for (const [key, history] of back) this.#slots.set(key, history);
      return dropped;
    }
    // Rebuilding is O(queue), but only on a failed send, which is followed by a backoff anyway.
    for (const [key, slot] of this.#slots) back.set(key, slot);
    this.#slots = back;
    return dropped;
  }

  /** Removes an object's queued statuses (given up for good). */
  discard(key: string): number {
    const slot = this.#slots.get(key);
    if (!slot) return 0;
    this.#slots.delete(key);
    this.#bytes -= slot.bytes;
    this.#events -= slot.length;
    return slot.length;
  }

  /** How many of the slot's statuses fit; at least one when nothing is taken yet. */
  #fitting(slot: HeldHistory, roomEvents: number, roomBytes: number, nonEmpty: boolean): number {
    const sizes = slot.sizes();
    let used = 0;
    let fit = 0;
    for (let i = 0; i < sizes.length && fit < roomEvents; i++) {
      const cost = (sizes[i] as number) + (nonEmpty || i > 0 ? 1 : 0);
      if (used + cost > roomBytes && (nonEmpty || fit > 0)) break;
      used += cost;
      fit++;
    }
    // Only a slot's first part may go with others: the rest would wait behind objects queued later.
    return nonEmpty && fit < sizes.length ? 0 : fit;
  }

  #account(slot: HeldHistory, bytesBefore: number, eventsBefore: number): void {
    this.#bytes += slot.bytes - bytesBefore;
    this.#events += slot.length - eventsBefore;
  }
}
