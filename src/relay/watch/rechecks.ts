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
    const cancel = this.#scheduler.setTimeout(() => this.#fire(), Math.max(0, at - this.#scheduler.now()));
    this.#timer = { at, cancel };
  }

  #fire(): void {
    this.#timer = undefined;
    const now = this.#scheduler.now();
    const due = [...this.#entries.values()].filter((recheck) => recheck.at <= now);
    for (const recheck of due) {
      this.#entries.delete(idOf(recheck.kind, recheck.key));
      this.#due(recheck); // may schedule it again
    }
    let next = Number.POSITIVE_INFINITY;
    for (const recheck of this.#entries.values()) next = Math.min(next, recheck.at);
    if (next < Number.POSITIVE_INFINITY && !this.#timer) this.#arm(next);
  }
}

const idOf = (kind: string, key: string) => `${kind} ${key}`;
