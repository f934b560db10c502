/** After this many consecutive 5xx for the same batch, it is cut in half (or its lone object suspected). */
export const SPLIT_AFTER = 3;
/** A suspect's lone batches failing this many times, each after another batch succeeded, make it poison. */
export const POISON_STRIKES = 3;

interface Suspect {
  strikes: number;
  /** Another batch succeeded since this suspect last failed: the ingest works, this object does not. */
  othersSucceeded: boolean;
}

/** What to do with a batch the ingest answered 5xx. */
export type ServerErrorVerdict =
  /** Put it back and try again (after the backoff). */
  | "retry"
  /** Put it back: the next batches take fewer objects (`maxSlots`). */
  | "split"
  /** Put it back at the end of the queue: its lone object goes alone from now on, others first. */
  | "suspect"
  /** Drop it: its object fails alone while others succeed. */
  | "poison";

/**
 * Narrows a 5xx that repeats for one batch down to the object that causes it (DESIGN.md "Wire
 * protocol"), so one event the ingest cannot store does not hold up every later change. Repeated
 * 5xx halve the objects per batch; an object that still fails alone is sent alone, behind the
 * others; once it has failed alone several times, each time after some other batch succeeded, it is
 * given up. When every batch fails (a real outage) no suspect ever gets a strike, so nothing is
 * dropped, however long the outage lasts.
 */
export class Isolation {
  #consecutive = 0;
  #maxSlots = Number.POSITIVE_INFINITY;
  /** Objects of the batch that first failed, and how many of them have gone through since. */
  #range = 0;
  #passed = 0;
  readonly #suspects = new Map<string, Suspect>();

  /** At most this many objects per delta batch. */
  get maxSlots(): number {
    return this.#maxSlots;
  }

  /** Objects that go in batches of their own. */
  get suspects(): { has(key: string): boolean } {
    return this.#suspects;
  }

  get hasSuspects(): boolean {
    return this.#suspects.size > 0;
  }

  /** A batch was acknowledged (`keys`: its objects; none for a heartbeat or a snapshot part). */
  acked(keys: readonly string[]): void {
    this.#consecutive = 0;
    for (const key of keys) this.#suspects.delete(key);
    for (const suspect of this.#suspects.values()) suspect.othersSucceeded = true;
    if (keys.length === 0 || this.#maxSlots === Number.POSITIVE_INFINITY) return;
    this.#passed += keys.length;
    if (this.#passed >= this.#range) this.#maxSlots = Number.POSITIVE_INFINITY;
  }

  /** A delta batch of these objects failed otherwise (network, timeout): nothing learnt about its events. */
  failedOtherwise(): void {
    this.#consecutive = 0;
  }

  /** A delta batch of these objects got a 5xx. */
  serverError(keys: readonly string[]): ServerErrorVerdict {
    const [only] = keys;
    if (keys.length === 1 && only !== undefined) {
      const suspect = this.#suspects.get(only);
      if (suspect) {
        if (suspect.othersSucceeded) suspect.strikes++;
        suspect.othersSucceeded = false;
        if (suspect.strikes < POISON_STRIKES) return "suspect";
        this.#suspects.delete(only);
        return "poison";
      }
    }
    if (++this.#consecutive < SPLIT_AFTER) return "retry";
    this.#consecutive = 0;
    if (keys.length > 1) {
      if (this.#maxSlots === Number.POSITIVE_INFINITY) {
        this.#range = keys.length;
        this.#passed = 0;
      }
      this.#maxSlots = Math.ceil(keys.length / 2);
      return "split";
    }
    if (only !== undefined) this.#suspects.set(only, { strikes: 0, othersSucceeded: false });
    // Isolated: the others go in whole batches again.
    this.#maxSlots = Number.POSITIVE_INFINITY;
    return "suspect";
  }

  /** The object's statuses were given up or delivered some other way. */
  forget(key: string): void {
    this.#suspects.delete(key);
  }
}
