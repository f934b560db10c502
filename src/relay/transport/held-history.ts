import type { EventGap, WireEvent } from "../../model/wire.ts";
import type { EncodedEvent } from "./batch-body.ts";
import { eventBytes, eventJson, gapBytes } from "./event-json.ts";
import { type IdentityRef, identityRef, sameIdentity } from "./held-identity.ts";
import { MESSAGE_OPEN } from "./held-line.ts";
import { HeldLines } from "./held-lines.ts";

/** Statuses held per object while they cannot be delivered; past it, a gap (DESIGN.md "Wire protocol"). */
export const HISTORY_BOUND = 32;

interface HeldGap extends EventGap {
  /** Index of the held status the gap comes before (the one that carries it). */
  at: number;
}

/**
 * The statuses of one object observed and not yet acknowledged, oldest first, with at most one gap.
 * At the bound, the oldest held status after the first is dropped into the gap: the first and the
 * newest are always kept, and what is lost is one contiguous, counted stretch.
 */
export class HeldHistory extends HeldLines {
  #gap: HeldGap | undefined;

  constructor(
    readonly key: string,
    /** When the oldest unsent change was queued (ms): lag measures how long the record has been behind. */
    public enqueuedAt: number,
    /** Queue order, kept across appends: lets a snapshot wait for the deltas queued before it. */
    public seq: number,
  ) {
    super();
  }

  /** Holds the event after the others; returns how many held statuses went into the gap for it. */
  add(event: WireEvent, bound = HISTORY_BOUND): number {
    const last = this.newestIdentity();
    const identity = last && sameIdentity(last.identity, event.object) ? last : identityRef(event);
    const { message, ...rest } = event.status;
    const messageJson = JSON.stringify(message);
    const restJson = JSON.stringify(rest);
    const { resourceVersion, generation, observedAt } = event;
    const statusBytes = MESSAGE_OPEN.length + Buffer.byteLength(messageJson) + Buffer.byteLength(restJson);
    const bytes = eventBytes(identity.bytes, statusBytes, resourceVersion, generation, observedAt);
    this.push({
      identity,
      type: event.type,
      messageJson,
      restJson,
      resourceVersion,
      generation,
      observedAt,
      bytes,
    });
    return this.#bound(bound);
  }

  /** Holds `newer`'s statuses after these (its object was queued again while these were in flight). */
  absorb(newer: HeldHistory, bound = HISTORY_BOUND): number {
    const offset = this.length;
    for (const held of newer.all()) this.push(held);
    const late = newer.#gap;
    if (late) {
      const early = this.#gap;
      if (!early) this.#gap = { ...late, at: late.at + offset };
      else {
        // Two gaps make one: what lies between them goes into it, so the loss stays one stretch.
        const between = late.at + offset - early.at;
        for (let i = 0; i < between; i++) this.remove(early.at);
        const count = early.count + between + late.count;
        this.#gap = { count, from: early.from, to: late.to, at: early.at };
      }
    }
    return this.#bound(bound);
  }

  /** Splits off the oldest `count` statuses (a batch's room ran out within this object). */
  takeFront(count: number): HeldHistory {
    const front = new HeldHistory(this.key, this.enqueuedAt, this.seq);
    const all = this.all();
    for (const held of all.slice(0, count)) front.push(held);
    const gap = this.#gap;
    if (gap && gap.at < count) {
      front.#gap = gap;
      this.#gap = undefined;
    } else if (gap) gap.at -= count;
    this.rebuild(all.slice(count));
    return front;
  }

  /** Encoded size of each held event, the gap included in the one that carries it. */
  sizes(): number[] {
    const sizes = this.all().map((held) => held.bytes);
    const gap = this.#gap;
    if (gap && gap.at < sizes.length) sizes[gap.at] = (sizes[gap.at] as number) + gapBytes(gapOf(gap));
    return sizes;
  }

  /** The held events as they go on the wire, oldest first, the gap on the status after it. */
  encode(): EncodedEvent[] {
    let identity: IdentityRef | undefined;
    let identityJson = "";
    return this.all().map((held, i) => {
      if (held.identity !== identity) {
        identity = held.identity;
        identityJson = JSON.stringify(identity.identity);
      }
      const gap = this.#gap?.at === i ? gapOf(this.#gap) : undefined;
      // The rest always holds health, so it is never `{}`.
      const statusJson = `${MESSAGE_OPEN}${held.messageJson},${held.restJson.slice(1)}`;
      const json = eventJson({ ...held, statusJson, identityJson, gap });
      return { json, bytes: held.bytes + (gap ? gapBytes(gap) : 0) };
    });
  }

  /** Drops into the gap until at most `bound` statuses are held; returns how many went. */
  #bound(bound: number): number {
    let dropped = 0;
    while (this.length > Math.max(2, bound)) {
      const gap = this.#gap;
      const at = gap ? gap.at : 1;
      const { observedAt } = this.remove(at);
      if (gap) {
        gap.count++;
        gap.to = observedAt;
      } else this.#gap = { count: 1, from: observedAt, to: observedAt, at };
      dropped++;
    }
    return dropped;
  }
}

function gapOf(gap: HeldGap): EventGap {
  return { count: gap.count, from: gap.from, to: gap.to };
}
