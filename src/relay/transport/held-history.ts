import type { EventGap, ObjectIdentity, WireEvent } from "../../model/wire.ts";
import type { EncodedEvent } from "./batch-body.ts";
import { eventBytes, eventJson, gapBytes } from "./event-json.ts";
import { isOlder } from "./resource-version.ts";
import { StatusFrames } from "./status-frames.ts";

/** Statuses held per object while they cannot be delivered; past it, a gap (DESIGN.md "Wire protocol"). */
export const HISTORY_BOUND = 32;

// Each held status is five numbers in one array and two strings in another: what an object holds
// while the ingest is unreachable is dozens of statuses, and a plain object per status would cost
// more than the status itself. Times and versions are numbers whenever they read back unchanged.
// A status is framed in two parts, its message and the rest, as each tends to change in one place
// (a back-off in the message, a restart count in the values): one prefix and suffix would span both.
const FIELDS = 4; // observedAt (ms), resourceVersion, message framing, rest framing
const MESSAGE_OPEN = '{"message":';
const SAFE_VERSION = /^(?:0|[1-9]\d{0,14})$/;
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const P20 = 2 ** 20;
const P40 = 2 ** 40;
// A history holds the bound and, for a moment, one more before the oldest after the first goes.
const GROW_TO = HISTORY_BOUND + 1;

interface IdentityRef {
  readonly identity: ObjectIdentity;
  readonly bytes: number;
}

/** What did not fit in the numbers, or differs from the history's identity: kept as given. */
interface Rare {
  identity?: IdentityRef;
  observedAt?: string;
  resourceVersion?: string;
  generation?: number | undefined;
}

/** One held status, spelled out (for merging two histories). */
interface Held {
  identity: IdentityRef;
  type: WireEvent["type"];
  messageJson: string;
  restJson: string;
  resourceVersion: string;
  generation: number | undefined;
  observedAt: string;
  bytes: number;
}

interface HeldGap extends EventGap {
  /** Index of the held status the gap comes before (the one that carries it). */
  at: number;
}

/**
 * The statuses of one object observed and not yet acknowledged, oldest first, with at most one gap.
 * At the bound, the oldest held status after the first is dropped into the gap: the first and the
 * newest are always kept, and what is lost is one contiguous, counted stretch.
 */
export class HeldHistory {
  #messages = new StatusFrames();
  #rests = new StatusFrames();
  /** FIELDS numbers per held status, room for `#capacity` of them: grown by doubling, never past need. */
  #nums: number[] = [];
  #middles: string[] = [];
  #capacity = 0;
  /** The first held status's identity and generation; another status's own are in `#rare`. */
  #identity: IdentityRef | undefined;
  #generation: number | undefined;
  #length = 0;
  #rare: (Rare | undefined)[] | undefined;
  #gap: HeldGap | undefined;
  #bytes = 0;

  constructor(
    readonly key: string,
    /** When the oldest unsent change was queued (ms): lag measures how long the record has been behind. */
    public enqueuedAt: number,
    /** Queue order, kept across appends: lets a snapshot wait for the deltas queued before it. */
    public seq: number,
  ) {}

  get length(): number {
    return this.#length;
  }

  /** Sum of the held events' encoded sizes, gap left out. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Whether `event` is older than the newest held status (a relist's replay), so not worth holding. */
  isOlderThanNewest(event: WireEvent): boolean {
    const last = this.length - 1;
    return last >= 0 && isOlder(event.resourceVersion, this.#versionAt(last));
  }

  /** Holds the event after the others; returns how many held statuses went into the gap for it. */
  add(event: WireEvent, bound = HISTORY_BOUND): number {
    const previous = this.length > 0 ? this.#identityAt(this.length - 1) : undefined;
    const identity =
      previous && sameIdentity(previous.identity, event.object) ? previous : identityRef(event);
    const { message, ...rest } = event.status;
    const messageJson = JSON.stringify(message);
    const restJson = JSON.stringify(rest);
    const { resourceVersion, generation, observedAt } = event;
    const statusBytes = MESSAGE_OPEN.length + Buffer.byteLength(messageJson) + Buffer.byteLength(restJson);
    const bytes = eventBytes(identity.bytes, statusBytes, resourceVersion, generation, observedAt);
    const held = {
      identity,
      type: event.type,
      messageJson,
      restJson,
      resourceVersion,
      generation,
      observedAt,
      bytes,
    };
    this.#push(held);
    return this.#bound(bound);
  }

  /** Holds `newer`'s statuses after these (its object was queued again while these were in flight). */
  absorb(newer: HeldHistory, bound = HISTORY_BOUND): number {
    const offset = this.length;
    for (let i = 0; i < newer.length; i++) this.#push(newer.#held(i));
    const late = newer.#gap;
    if (late) {
      const early = this.#gap;
      if (!early) this.#gap = { ...late, at: late.at + offset };
      else {
        // Two gaps make one: what lies between them goes into it, so the loss stays one stretch.
        const between = late.at + offset - early.at;
        for (let i = 0; i < between; i++) this.#remove(early.at);
        this.#gap = {
          count: early.count + between + late.count,
          from: early.from,
          to: late.to,
          at: early.at,
        };
      }
    }
    return this.#bound(bound);
  }

  /** Splits off the oldest `count` statuses (a batch's room ran out within this object). */
  takeFront(count: number): HeldHistory {
    const front = new HeldHistory(this.key, this.enqueuedAt, this.seq);
    for (let i = 0; i < count; i++) front.#push(this.#held(i));
    const gap = this.#gap;
    if (gap && gap.at < count) {
      front.#gap = gap;
      this.#gap = undefined;
    } else if (gap) gap.at -= count;
    for (let i = 0; i < count; i++) this.#remove(0);
    return front;
  }

  /** Encoded size of the held event at `index`, with the gap it carries. */
  bytesAt(index: number): number {
    const own = this.#held(index).bytes;
    return this.#gap?.at === index ? own + gapBytes(gapOf(this.#gap)) : own;
  }

  /** The held events as they go on the wire, oldest first, the gap on the status after it. */
  encode(): EncodedEvent[] {
    const out: EncodedEvent[] = new Array(this.length);
    let identity: IdentityRef | undefined;
    let identityJson = "";
    for (let i = 0; i < this.length; i++) {
      const held = this.#held(i);
      if (held.identity !== identity) {
        identity = held.identity;
        identityJson = JSON.stringify(identity.identity);
      }
      const gap = this.#gap?.at === i ? gapOf(this.#gap) : undefined;
      // The rest always holds health, so it is never `{}`.
      const statusJson = `${MESSAGE_OPEN}${held.messageJson},${held.restJson.slice(1)}`;
      const json = eventJson({ ...held, statusJson, identityJson, gap });
      out[i] = { json, bytes: held.bytes + (gap ? gapBytes(gap) : 0) };
    }
    return out;
  }

  #push(held: Held): void {
    const message = this.#messages.frame(held.messageJson);
    const rest = this.#rests.frame(held.restJson);
    const time = ISO_MS.test(held.observedAt) ? Date.parse(held.observedAt) : Number.NaN;
    const version = SAFE_VERSION.test(held.resourceVersion) ? Number(held.resourceVersion) : Number.NaN;
    if (this.#length === 0) {
      this.#identity = held.identity;
      this.#generation = held.generation;
    }
    let rare: Rare | undefined;
    if (Number.isNaN(time)) rare = { observedAt: held.observedAt };
    if (Number.isNaN(version)) rare = { ...rare, resourceVersion: held.resourceVersion };
    if (held.generation !== this.#generation) rare = { ...rare, generation: held.generation };
    if (held.identity !== this.#identity) rare = { ...rare, identity: held.identity };
    if (this.#length === this.#capacity) this.#grow();
    const base = this.#length * FIELDS;
    const nums = this.#nums;
    const packedType = held.type === "DELETE" ? 8 : 0;
    nums[base] = time;
    nums[base + 1] = version;
    nums[base + 2] = message.prefix + message.suffix * P20 + (message.frame + packedType) * P40;
    nums[base + 3] = rest.prefix + rest.suffix * P20 + rest.frame * P40;
    this.#middles[this.#length * 2] = message.middle;
    this.#middles[this.#length * 2 + 1] = rest.middle;
    if (rare || this.#rare) {
      this.#rare ??= new Array(this.length).fill(undefined);
      this.#rare.push(rare);
    }
    this.#length++;
    this.#bytes += held.bytes;
  }

  #held(index: number): Held {
    const base = index * FIELDS;
    const nums = this.#nums;
    const rare = this.#rare?.[index];
    const packed = nums[base + 2] as number;
    const messageJson = unframe(this.#messages, packed, this.#middles[index * 2] as string);
    const restJson = unframe(this.#rests, nums[base + 3] as number, this.#middles[index * 2 + 1] as string);
    const identity = rare?.identity ?? (this.#identity as IdentityRef);
    const resourceVersion = rare?.resourceVersion ?? String(nums[base + 1]);
    const generation = rare && "generation" in rare ? rare.generation : this.#generation;
    const observedAt = rare?.observedAt ?? new Date(nums[base] as number).toISOString();
    const statusBytes = MESSAGE_OPEN.length + Buffer.byteLength(messageJson) + Buffer.byteLength(restJson);
    return {
      identity,
      type: Math.floor(packed / P40) & 8 ? "DELETE" : "UPSERT",
      messageJson,
      restJson,
      resourceVersion,
      generation,
      observedAt,
      bytes: eventBytes(identity.bytes, statusBytes, resourceVersion, generation, observedAt),
    };
  }

  /** Room for twice as many (one at first: most objects never hold more), at most the bound and one. */
  #grow(): void {
    const capacity =
      this.#capacity === 0 ? 1 : Math.max(this.#capacity + 1, Math.min(this.#capacity * 2, GROW_TO));
    // Filled at its full size at once, so the array is exactly that long (a typed array's store
    // would live outside the heap, at a larger cost per object than the numbers themselves).
    const nums = new Array<number>(capacity * FIELDS).fill(0.5);
    for (let i = 0; i < this.#length * FIELDS; i++) nums[i] = this.#nums[i] as number;
    const middles = new Array<string>(capacity * 2).fill("");
    for (let i = 0; i < this.#length * 2; i++) middles[i] = this.#middles[i] as string;
    this.#nums = nums;
    this.#middles = middles;
    this.#capacity = capacity;
  }

  #identityAt(index: number): IdentityRef {
    return this.#rare?.[index]?.identity ?? (this.#identity as IdentityRef);
  }

  #versionAt(index: number): string {
    return this.#rare?.[index]?.resourceVersion ?? String(this.#nums[index * FIELDS + 1]);
  }

  #observedAtOf(index: number): string {
    return this.#rare?.[index]?.observedAt ?? new Date(this.#nums[index * FIELDS] as number).toISOString();
  }

  #remove(index: number): void {
    this.#bytes -= this.#held(index).bytes;
    this.#nums.copyWithin(index * FIELDS, (index + 1) * FIELDS, this.#length * FIELDS);
    this.#middles.copyWithin(index * 2, (index + 1) * 2, this.#length * 2);
    this.#rare?.splice(index, 1);
    this.#length--;
  }

  /** Drops into the gap until at most `bound` statuses are held; returns how many went. */
  #bound(bound: number): number {
    let dropped = 0;
    while (this.length > Math.max(2, bound)) {
      const gap = this.#gap;
      const at = gap ? gap.at : 1;
      const observedAt = this.#observedAtOf(at);
      this.#remove(at);
      if (gap) {
        gap.count++;
        gap.to = observedAt;
      } else this.#gap = { count: 1, from: observedAt, to: observedAt, at };
      dropped++;
    }
    return dropped;
  }
}

function unframe(frames: StatusFrames, packed: number, middle: string): string {
  const flags = Math.floor(packed / P40);
  return frames.unframe(flags & 7, packed % P20, Math.floor(packed / P20) % P20, middle);
}

function gapOf(gap: HeldGap): EventGap {
  return { count: gap.count, from: gap.from, to: gap.to };
}

function identityRef(event: WireEvent): IdentityRef {
  return { identity: event.object, bytes: Buffer.byteLength(JSON.stringify(event.object)) };
}

function sameIdentity(a: ObjectIdentity, b: ObjectIdentity): boolean {
  if (a === b) return true;
  if (a.apiVersion !== b.apiVersion || a.uid !== b.uid || a.kind !== b.kind) return false;
  if (a.namespace !== b.namespace || a.name !== b.name) return false;
  const x = a.labels;
  const y = b.labels;
  if (x === y) return true;
  if (!x || !y) return false;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((key) => x[key] === y[key]);
}
