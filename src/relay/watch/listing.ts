import type { KubeObject } from "../../interpret/kube-object.ts";
import type { WireEvent } from "../../model/wire.ts";
import type { SnapshotOutcome } from "../transport/snapshot-job.ts";
import { objectKeyIn } from "./object-keys.ts";

/** What a listing asks of its tracker. */
export interface ListingHooks {
  add(obj: KubeObject): WireEvent;
  complete(listed: ReadonlySet<string>, listedAt: Date, events: WireEvent[]): Promise<SnapshotOutcome>;
}

/** One kind's full listing in progress: every listed object, read and tracked, waiting to be sent as a snapshot. */
export class Listing {
  readonly #events = new Map<string, WireEvent>();
  #completed = false;

  constructor(
    readonly kind: string,
    private readonly hooks: ListingHooks,
  ) {}

  /** A listed object (its kind must be this listing's); listed twice, the later one counts. */
  add(obj: KubeObject): void {
    if (this.#completed || !obj.metadata?.name) return;
    this.#events.set(objectKeyIn(obj), this.hooks.add(obj));
  }

  /** The list started over: what was added so far no longer counts as listed. */
  restart(): void {
    this.#events.clear();
  }

  get count(): number {
    return this.#events.size;
  }

  /** Forgets tracked objects that were not listed and sends the snapshot; `listedAt` is when the list began. */
  complete(listedAt: Date): Promise<SnapshotOutcome> {
    this.#completed = true;
    const listed = new Set(this.#events.keys());
    return this.hooks.complete(listed, listedAt, [...this.#events.values()]);
  }
}
