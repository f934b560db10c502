import type { EventGap, ObjectIdentity, WireEvent } from "../../model/wire.ts";
import type { EncodedEvent } from "./batch-body.ts";
import { eventBytes, eventJson, gapBytes } from "./event-json.ts";
import { isOlder } from "./resource-version.ts";
import { StatusFrames } from "./status-frames.ts";

/** Statuses held per object while they cannot be delivered; past it, a gap (DESIGN.md "Wire protocol"). */
export const HISTORY_BOUND = 32;

// Each held status is four numbers in one array, plus two references: what an object holds while
// the ingest is unreachable is dozens of statuses, and a plain object per status would cost more
// than the status itself. Times and versions are numbers whenever they read back unchanged.
const FIELDS = 4; // observedAt (ms), resourceVersion, generation and bytes, framing
const SAFE_VERSION = /^(?:0|[1-9]\d{0,14})$/;
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const P20 = 2 ** 20;
const P21 = 2 ** 21;
const P40 = 2 ** 40;
const MAX_GENERATION = 2 ** 31 - 2;

interface IdentityRef {
  readonly identity: ObjectIdentity;
  readonly bytes: number;
}

/** What did not fit in the numbers: kept as given. */
interface Rare {
  observedAt?: string;
  resourceVersion?: string;
  generation?: number;
  bytes?: number;
}

/** One held status, spelled out (for merging two histories). */
interface Held {
  identity: IdentityRef;
  type: WireEvent["type"];
  statusJson: string;
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
  #frames = new StatusFrames();
  #nums: number[] = [];
  #identities: IdentityRef[] = [];
  #middles: string[] = [];
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
    return this.#identities.length;
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
    const previous = this.#identities[this.length - 1];
    const identity =
      previous && sameIdentity(previous.identity, event.object) ? previous : identityRef(event);
    const statusJson = JSON.stringify(event.status);
    const { resourceVersion, generation, observedAt } = event;
    const statusBytes = Buffer.byteLength(statusJson);
    const bytes = eventBytes(identity.bytes, statusBytes, resourceVersion, generation, observedAt);
    this.#push({ identity, type: event.type, statusJson, resourceVersion, generation, observedAt, bytes });
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
    const own = this.#bytesAt(index);
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
      const json = eventJson({ ...held, identityJson, gap });
      out[i] = { json, bytes: this.bytesAt(i) };
    }
    return out;
  }

  #push(held: Held): void {
    const framed = this.#frames.frame(held.statusJson);
    const time = ISO_MS.test(held.observedAt) ? Date.parse(held.observedAt) : Number.NaN;
    const version = SAFE_VERSION.test(held.resourceVersion) ? Number(held.resourceVersion) : Number.NaN;
    const generation = held.generation;
    const numericGeneration = generation === undefined || (generation >= 0 && generation <= MAX_GENERATION);
    const numericBytes = held.bytes < P21;
    let rare: Rare | undefined;
    if (Number.isNaN(time)) rare = { observedAt: held.observedAt };
    if (Number.isNaN(version)) rare = { ...rare, resourceVersion: held.resourceVersion };
    if (!numericGeneration) rare = { ...rare, generation: generation as number };
    if (!numericBytes) rare = { ...rare, bytes: held.bytes };
    const encodedGeneration = numericGeneration && generation !== undefined ? generation + 1 : 0;
    const packedType = held.type === "DELETE" ? 8 : 0;
    this.#nums.push(
      time,
      version,
      encodedGeneration * P21 + (numericBytes ? held.bytes : 0),
      framed.prefix + framed.suffix * P20 + (framed.frame + packedType) * P40,
    );
    this.#identities.push(held.identity);
    this.#middles.push(framed.middle);
    if (rare || this.#rare) {
      this.#rare ??= new Array(this.length - 1).fill(undefined);
      this.#rare.push(rare);
    }
    this.#bytes += held.bytes;
  }

  #held(index: number): Held {
    const base = index * FIELDS;
    const nums = this.#nums;
    const rare = this.#rare?.[index];
    const packed = nums[base + 3] as number;
    const flags = Math.floor(packed / P40);
    const prefix = packed % P20;
    const suffix = Math.floor(packed / P20) % P20;
    const statusJson = this.#frames.unframe(flags & 7, prefix, suffix, this.#middles[index] as string);
    const generation = Math.floor((nums[base + 2] as number) / P21);
    return {
      identity: this.#identities[index] as IdentityRef,
      type: flags & 8 ? "DELETE" : "UPSERT",
      statusJson,
      resourceVersion: this.#versionAt(index),
      generation: rare?.generation ?? (generation === 0 ? undefined : generation - 1),
      observedAt: rare?.observedAt ?? new Date(nums[base] as number).toISOString(),
      bytes: this.#bytesAt(index),
    };
  }

  #versionAt(index: number): string {
    return this.#rare?.[index]?.resourceVersion ?? String(this.#nums[index * FIELDS + 1]);
  }

  #bytesAt(index: number): number {
    return this.#rare?.[index]?.bytes ?? (this.#nums[index * FIELDS + 2] as number) % P21;
  }

  #observedAtOf(index: number): string {
    return this.#rare?.[index]?.observedAt ?? new Date(this.#nums[index * FIELDS] as number).toISOString();
  }

  #remove(index: number): void {
    this.#bytes -= this.#bytesAt(index);
    this.#nums.splice(index * FIELDS, FIELDS);
    this.#identities.splice(index, 1);
    this.#middles.splice(index, 1);
    this.#rare?.splice(index, 1);
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
