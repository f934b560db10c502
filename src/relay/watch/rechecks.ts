import type { KubeObject } from "../../interpret/kube-object.ts";
import type { Scheduler } from "../transport/scheduler.ts";

/** An object whose status holds only until `at`, kept (whole) until then to be read again. */
export interface Recheck {
  kind: string;
  key: string;
  obj: KubeObject;
  at: number;
}

/**
 * Objects to read again at a time, with no event to prompt it: kstatus calls a Pod unschedulable
 * only after its grace period, and the scheduler need not write to the Pod again. Such objects are
 * few and held for seconds, so keeping them whole does not undo the tracker's compact state. One
 * timer serves all, set for the earliest; a newer event for an object replaces or cancels its entry.
 */
export class Rechecks {
  readonly #entries = new Map<string, Recheck>();
  readonly #scheduler: Scheduler;
  readonly #due: (recheck: Recheck) => void;
  #timer: { at: number; cancel: () => void } | undefined;

  constructor(scheduler: Scheduler, due: (recheck: Recheck) => void) {
    this.#scheduler = scheduler;
    this.#due = due;
  }

  get size(): number {
    return this.#entries.size;
  }

  schedule(recheck: Recheck): void {
    this.#entries.set(idOf(recheck.kind, recheck.key), recheck);
    if (!this.#timer || recheck.at < this.#timer.at) this.#arm(recheck.at);
  }

  cancel(kind: string, key: string): void {
    if (this.#entries.size > 0) this.#entries.delete(idOf(kind, key));
  }

  cancelKind(kind: string): void {
    for (const recheck of this.#entries.values()) if (recheck.kind === kind) this.cancel(kind, recheck.key);
  }

  /** Drops every entry and the timer (the relay stops). */
  clear(): void {
    this.#entries.clear();
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  #arm(at: number): void {
    this.#timer?.cancel();
    // Node fires a timer of more than 2^31-1 ms at once: wait that long at most, then look again.
    const delay = Math.min(Math.max(0, at - this.#scheduler.now()), MAX_TIMER_MS);
    const cancel = this.#scheduler.setTimeout(() => this.#fire(), delay);
    this.#timer = { at, cancel };
  }

  #armedAt(): number {
    return this.#timer?.at ?? Number.POSITIVE_INFINITY;
  }

  #fire(): void {
    this.#timer = undefined;
    const now = this.#scheduler.now();
    const due = [...this.#entries.values()].filter((recheck) => recheck.at <= now);
    for (const recheck of due) {
      this.#entries.delete(idOf(recheck.kind, recheck.key));
      this.#due(recheck); // may schedule it again
    }
    // A callback that scheduled again armed the timer for its own time, which may not be the earliest.
    let next = Number.POSITIVE_INFINITY;
    for (const recheck of this.#entries.values()) next = Math.min(next, recheck.at);
    if (next < this.#armedAt()) this.#arm(next);
  }
}

const idOf = (kind: string, key: string) => `${kind} ${key}`;
const MAX_TIMER_MS = 2 ** 31 - 1;
