import type { EventGap, WireEvent } from "../../model/wire.ts";
import type { EncodedEvent } from "./batch-body.ts";
import { eventBytes, eventJson, gapBytes } from "./event-json.ts";
import { type IdentityRef, identityRef, sameIdentity } from "./held-identity.ts";
import { isOlder } from "./resource-version.ts";
import { StatusFrames } from "./status-frames.ts";

/** Statuses held per object while they cannot be delivered; past it, a gap (DESIGN.md "Wire protocol"). */
export const HISTORY_BOUND = 32;

// What an object holds while the ingest is unreachable is dozens of statuses: an object, or even a
// few numbers, per status would cost more than the statuses themselves. So the held statuses are one
// string, a line each, of tab-separated fields: time and resourceVersion as base-36 offsets from the
// first status's, the encoded size, and the status framed in two parts (its message and the rest,
// as each tends to change in one place: a back-off in the message, a restart count in the values)
// against a few whole ones (StatusFrames). JSON never holds a raw tab or newline, so neither can
// appear in a field. What does not fit the line (an odd time or version, another identity or
// generation than the first status's) is kept aside, by index.
const LINE = "\n";
const FIELD = "\t";
const MESSAGE_OPEN = '{"message":';
const SAFE_VERSION = /^(?:0|[1-9]\d{0,14})$/;
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
interface Base {
  time: number;
  version: number;
}
const ZERO: Base = { time: 0, version: 0 };
const DELETE_FLAG = 8; // added to the message's frame number (0-7), written in hex

/** What does not fit a line, or differs from the first status's: kept as given. */
interface Rare {
  identity?: IdentityRef;
  observedAt?: string;
  resourceVersion?: string;
  generation?: number | undefined;
}

/** One held status, spelled out. */
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
  /** Whole messages and rests alike: one dictionary costs less than two, and they never match each other. */
  readonly #frames = new StatusFrames();
  #lines = "";
  #length = 0;
  #bytes = 0;
  /** The first held status's identity and generation; another status's own are in `#rare`. */
  #identity: IdentityRef | undefined;
  #generation: number | undefined;
  #rare: (Rare | undefined)[] | undefined;
  #gap: HeldGap | undefined;

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
    if (this.#length === 0) return false;
    const last = this.#lines.slice(this.#lines.lastIndexOf(LINE) + 1);
    const index = this.#length - 1;
    const version = this.#rare?.[index]?.resourceVersion;
    if (version !== undefined) return isOlder(event.resourceVersion, version);
    const offset = Number.parseInt(
      last.slice(last.indexOf(FIELD) + 1, last.indexOf(FIELD, last.indexOf(FIELD) + 1)),
      36,
    );
    return isOlder(event.resourceVersion, String((index === 0 ? 0 : this.#base().version) + offset));
  }

  /** Holds the event after the others; returns how many held statuses went into the gap for it. */
  add(event: WireEvent, bound = HISTORY_BOUND): number {
    const last = this.#identityOf(this.#length - 1);
    const identity = last && sameIdentity(last.identity, event.object) ? last : identityRef(event);
    const { message, ...rest } = event.status;
    const messageJson = JSON.stringify(message);
    const restJson = JSON.stringify(rest);
    const { resourceVersion, generation, observedAt } = event;
    const statusBytes = MESSAGE_OPEN.length + Buffer.byteLength(messageJson) + Buffer.byteLength(restJson);
    const bytes = eventBytes(identity.bytes, statusBytes, resourceVersion, generation, observedAt);
    this.#push({
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
    const offset = this.#length;
    for (const held of newer.#all()) this.#push(held);
    const late = newer.#gap;
    if (late) {
      const early = this.#gap;
      if (!early) this.#gap = { ...late, at: late.at + offset };
      else {
        // Two gaps make one: what lies between them goes into it, so the loss stays one stretch.
        const between = late.at + offset - early.at;
        for (let i = 0; i < between; i++) this.#remove(early.at);
        const count = early.count + between + late.count;
        this.#gap = { count, from: early.from, to: late.to, at: early.at };
      }
    }
    return this.#bound(bound);
  }

  /** Splits off the oldest `count` statuses (a batch's room ran out within this object). */
  takeFront(count: number): HeldHistory {
    const front = new HeldHistory(this.key, this.enqueuedAt, this.seq);
    const all = this.#all();
    for (const held of all.slice(0, count)) front.#push(held);
    const gap = this.#gap;
    if (gap && gap.at < count) {
      front.#gap = gap;
      this.#gap = undefined;
    } else if (gap) gap.at -= count;
    this.#rebuild(all.slice(count));
    return front;
  }

  /** Encoded size of each held event, the gap included in the one that carries it. */
  sizes(): number[] {
    const sizes = this.#all().map((held) => held.bytes);
    const gap = this.#gap;
    if (gap && gap.at < sizes.length) sizes[gap.at] = (sizes[gap.at] as number) + gapBytes(gapOf(gap));
    return sizes;
  }

  /** The held events as they go on the wire, oldest first, the gap on the status after it. */
  encode(): EncodedEvent[] {
    let identity: IdentityRef | undefined;
    let identityJson = "";
    return this.#all().map((held, i) => {
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

  #push(held: Held): void {
    const time = ISO_MS.test(held.observedAt) ? Date.parse(held.observedAt) : Number.NaN;
    const version = SAFE_VERSION.test(held.resourceVersion) ? Number(held.resourceVersion) : Number.NaN;
    if (this.#length === 0) {
      this.#identity = held.identity;
      this.#generation = held.generation;
    }
    // The first line holds its time and version whole; the others, offsets from them.
    const base = this.#length === 0 ? ZERO : this.#base();
    let rare: Rare | undefined;
    if (Number.isNaN(time)) rare = { observedAt: held.observedAt };
    if (Number.isNaN(version)) rare = { ...rare, resourceVersion: held.resourceVersion };
    // Identity and generation are kept where they change: a relabelled object's later statuses share the new ones.
    const previous = this.#length - 1;
    if (this.#length > 0 && held.generation !== this.#generationOf(previous))
      rare = { ...rare, generation: held.generation };
    if (this.#length > 0 && held.identity !== this.#identityOf(previous))
      rare = { ...rare, identity: held.identity };
    const message = this.#frames.frame(held.messageJson);
    const rest = this.#frames.frame(held.restJson);
    const flag = held.type === "DELETE" ? DELETE_FLAG : 0;
    const line = [
      Number.isNaN(time) ? "" : (time - base.time).toString(36),
      Number.isNaN(version) ? "" : (version - base.version).toString(36),
      `${(message.frame + flag).toString(16)}${message.prefix.toString(36)}.${message.suffix.toString(36)}`,
      message.middle,
      `${rest.frame.toString(16)}${rest.prefix.toString(36)}.${rest.suffix.toString(36)}`,
      rest.middle,
    ].join(FIELD);
    this.#lines = this.#length === 0 ? line : joined(this.#lines, LINE, line);
    if (rare || this.#rare) {
      this.#rare ??= new Array(this.#length).fill(undefined);
      this.#rare.push(rare);
    }
    this.#length++;
    this.#bytes += held.bytes;
  }

  /** The first line's time and version (0 where it has none): what the other lines are offsets from. */
  #base(): Base {
    const first = this.#lines.slice(0, this.#lines.indexOf(FIELD, this.#lines.indexOf(FIELD) + 1));
    const [time = "", version = ""] = first.split(FIELD);
    return {
      time: time ? Number.parseInt(time, 36) : 0,
      version: version ? Number.parseInt(version, 36) : 0,
    };
  }

  #split(): string[] {
    return this.#length === 0 ? [] : this.#lines.split(LINE);
  }

  #all(): Held[] {
    const lines = this.#split();
    const base = lines.length > 1 ? this.#base() : ZERO;
    return lines.map((line, index) => this.#decode(line, index, index === 0 ? ZERO : base));
  }

  #decode(line: string, index: number, base = index === 0 ? ZERO : this.#base()): Held {
    const [time = "", version = "", messageFrame = "", messageMiddle = "", restFrame = "", restMiddle = ""] =
      line.split(FIELD);
    const rare = this.#rare?.[index];
    const flags = Number.parseInt(messageFrame[0] ?? "0", 16);
    const identity = this.#identityOf(index) as IdentityRef;
    const messageJson = unframe(this.#frames, flags & (DELETE_FLAG - 1), messageFrame, messageMiddle);
    const restJson = unframe(this.#frames, Number.parseInt(restFrame[0] ?? "0", 16), restFrame, restMiddle);
    const resourceVersion = rare?.resourceVersion ?? String(base.version + Number.parseInt(version, 36));
    const generation = this.#generationOf(index);
    const observedAt = rare?.observedAt ?? new Date(base.time + Number.parseInt(time, 36)).toISOString();
    const statusBytes = MESSAGE_OPEN.length + Buffer.byteLength(messageJson) + Buffer.byteLength(restJson);
    return {
      identity,
      type: flags & DELETE_FLAG ? "DELETE" : "UPSERT",
      messageJson,
      restJson,
      resourceVersion,
      generation,
      observedAt,
      bytes: eventBytes(identity.bytes, statusBytes, resourceVersion, generation, observedAt),
    };
  }

  /** The identity in force at `index`: the nearest change at or before it, else the first's. */
  #identityOf(index: number): IdentityRef | undefined {
    if (index < 0) return undefined;
    for (let i = index; i > 0 && this.#rare; i--) {
      const identity = this.#rare[i]?.identity;
      if (identity) return identity;
    }
    return this.#identity;
  }

  #generationOf(index: number): number | undefined {
    for (let i = index; i > 0 && this.#rare; i--) {
      const rare = this.#rare[i];
      if (rare && "generation" in rare) return rare.generation;
    }
    return this.#generation;
  }

  /** Holds exactly these, in order (the frames stay: they are a dictionary, not a list of statuses). */
  #rebuild(held: readonly Held[]): void {
    this.#lines = "";
    this.#length = 0;
    this.#bytes = 0;
    this.#rare = undefined;
    for (const one of held) this.#push(one);
  }

  /** Drops one held status; past the first, by cutting its line out (offsets are from the first). */
  #remove(index: number): Held {
    if (index === 0) {
      const [gone, ...rest] = this.#all();
      this.#rebuild(rest);
      return gone as Held;
    }
    let start = 0;
    for (let i = 0; i < index; i++) start = this.#lines.indexOf(LINE, start) + 1;
    const end = this.#lines.indexOf(LINE, start);
    const line = this.#lines.slice(start, end < 0 ? undefined : end);
    const gone = this.#decode(line, index);
    // A change of identity or generation at the status going holds for the one after it too.
    const changed = this.#rare?.[index];
    const next = this.#rare?.[index + 1];
    if (this.#rare && changed && index + 1 < this.#length) {
      const moved: Rare = { ...next };
      if (changed.identity && !next?.identity) moved.identity = changed.identity;
      if ("generation" in changed && !(next && "generation" in next)) moved.generation = changed.generation;
      this.#rare[index + 1] = moved;
    }
    this.#lines =
      end < 0
        ? joined(this.#lines.slice(0, start - 1))
        : joined(this.#lines.slice(0, start), this.#lines.slice(end + 1));
    this.#rare?.splice(index, 1);
    this.#length--;
    this.#bytes -= gone.bytes;
    return gone;
  }

  /** Drops into the gap until at most `bound` statuses are held; returns how many went. */
  #bound(bound: number): number {
    let dropped = 0;
    while (this.#length > Math.max(2, bound)) {
      const gap = this.#gap;
      const at = gap ? gap.at : 1;
      const { observedAt } = this.#remove(at);
      if (gap) {
        gap.count++;
        gap.to = observedAt;
      } else this.#gap = { count: 1, from: observedAt, to: observedAt, at };
      dropped++;
    }
    return dropped;
  }
}

/**
 * The parts as one new flat string. `a + b` would make a tree of every append, and a slice a view
 * keeping the whole string it came from; a join copies into a string of its own.
 */
function joined(...parts: string[]): string {
  return parts.join("");
}

function unframe(frames: StatusFrames, frame: number, framing: string, middle: string): string {
  const dot = framing.indexOf(".");
  const prefix = Number.parseInt(framing.slice(1, dot), 36);
  const suffix = Number.parseInt(framing.slice(dot + 1), 36);
  return frames.unframe(frame, prefix, suffix, middle);
}

function gapOf(gap: HeldGap): EventGap {
  return { count: gap.count, from: gap.from, to: gap.to };
}
