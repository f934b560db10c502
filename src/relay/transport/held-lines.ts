import type { WireEvent } from "../../model/wire.ts";
import { eventBytes } from "./event-json.ts";
import type { IdentityRef } from "./held-identity.ts";
import {
  type Base,
  baseOf,
  formatLine,
  type Held,
  lineTime,
  lineVersion,
  MESSAGE_OPEN,
  parseLine,
  versionOffsetOf,
  ZERO,
} from "./held-line.ts";
import { isOlder } from "./resource-version.ts";
import { StatusFrames } from "./status-frames.ts";

// What an object holds while the ingest is unreachable is dozens of statuses: an object, or even a
// few numbers, per status would cost more than the statuses themselves. So the held statuses are one
// string, a line each (held-line.ts). What does not fit the line (an odd time or version, another
// identity or generation than the first status's) is kept aside, by index.
const LINE = "\n";

/** What does not fit a line, or differs from the first status's: kept as given. */
interface Rare {
  identity?: IdentityRef;
  observedAt?: string;
  resourceVersion?: string;
  generation?: number | undefined;
}

/**
 * One object's held statuses, oldest first, as lines of one string. HeldHistory extends it rather
 * than holding one: an object of its own would add about 40 bytes to every held object.
 */
export class HeldLines {
  /** Whole messages and rests alike: one dictionary costs less than two, and they never match each other. */
  readonly #frames = new StatusFrames();
  #lines = "";
  #length = 0;
  #bytes = 0;
  /** The first held status's identity and generation; another status's own are in `#rare`. */
  #identity: IdentityRef | undefined;
  #generation: number | undefined;
  #rare: (Rare | undefined)[] | undefined;

  get length(): number {
    return this.#length;
  }

  /** Sum of the held statuses' encoded sizes (a HeldHistory's gap left out). */
  get bytes(): number {
    return this.#bytes;
  }

  /** The newest held status's identity, if any is held. */
  protected newestIdentity(): IdentityRef | undefined {
    return this.#identityOf(this.#length - 1);
  }

  /** Whether `event` is older than the newest held status (a relist's replay), so not worth holding. */
  isOlderThanNewest({ resourceVersion }: Pick<WireEvent, "resourceVersion">): boolean {
    if (this.#length === 0) return false;
    const last = this.#lines.slice(this.#lines.lastIndexOf(LINE) + 1);
    const index = this.#length - 1;
    const version = this.#rare?.[index]?.resourceVersion;
    if (version !== undefined) return isOlder(resourceVersion, version);
    const offset = versionOffsetOf(last);
    return isOlder(resourceVersion, String((index === 0 ? 0 : baseOf(this.#lines).version) + offset));
  }

  /** Holds `held` after the others. */
  protected push(held: Held): void {
    const time = lineTime(held.observedAt);
    const version = lineVersion(held.resourceVersion);
    if (this.#length === 0) {
      this.#identity = held.identity;
      this.#generation = held.generation;
    }
    // The first line holds its time and version whole; the others, offsets from them.
    const base = this.#length === 0 ? ZERO : baseOf(this.#lines);
    let rare: Rare | undefined;
    if (Number.isNaN(time)) rare = { observedAt: held.observedAt };
    if (Number.isNaN(version)) rare = { ...rare, resourceVersion: held.resourceVersion };
    // Identity and generation are kept where they change: a relabelled object's later statuses share the new ones.
    const previous = this.#length - 1;
    if (this.#length > 0 && held.generation !== this.#generationOf(previous))
      rare = { ...rare, generation: held.generation };
    if (this.#length > 0 && held.identity !== this.#identityOf(previous))
      rare = { ...rare, identity: held.identity };
    const line = formatLine(this.#frames, held, time, version, base);
    this.#lines = this.#length === 0 ? line : joined(this.#lines, LINE, line);
    if (rare || this.#rare) {
      this.#rare ??= new Array(this.#length).fill(undefined);
      this.#rare.push(rare);
    }
    this.#length++;
    this.#bytes += held.bytes;
  }

  /** Every held status, spelled out, oldest first. */
  protected all(): Held[] {
    const lines = this.#length === 0 ? [] : this.#lines.split(LINE);
    const base = lines.length > 1 ? baseOf(this.#lines) : ZERO;
    return lines.map((line, index) => this.#decode(line, index, index === 0 ? ZERO : base));
  }

  /** Holds exactly these, in order (the frames stay: they are a dictionary, not a list of statuses). */
  protected rebuild(held: readonly Held[]): void {
    this.#lines = "";
    this.#length = 0;
    this.#bytes = 0;
    this.#rare = undefined;
    for (const one of held) this.push(one);
  }

  /** Drops one held status; past the first, by cutting its line out (offsets are from the first). */
  protected remove(index: number): Held {
    if (index === 0) {
      const [gone, ...rest] = this.all();
      this.rebuild(rest);
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

  #decode(line: string, index: number, base: Base = index === 0 ? ZERO : baseOf(this.#lines)): Held {
    const rare = this.#rare?.[index];
    const identity = this.#identityOf(index) as IdentityRef;
    const { type, messageJson, restJson, time, version } = parseLine(this.#frames, line, base);
    const resourceVersion = rare?.resourceVersion ?? String(version);
    const generation = this.#generationOf(index);
    const observedAt = rare?.observedAt ?? new Date(time).toISOString();
    const statusBytes = MESSAGE_OPEN.length + Buffer.byteLength(messageJson) + Buffer.byteLength(restJson);
    return {
      identity,
      type,
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
}

/**
 * The parts as one new flat string. `a + b` would make a tree of every append, and a slice a view
 * keeping the whole string it came from; a join copies into a string of its own.
 */
function joined(...parts: string[]): string {
  return parts.join("");
}
