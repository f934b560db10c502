import type { KubeObject } from "../../../src/interpret/kube-object.ts";

export type StoreEventType = "ADDED" | "MODIFIED" | "DELETED";

/** One committed write, as etcd's watch reports it. */
export interface StoreEvent {
  resourceVersion: number;
  type: StoreEventType;
  /** The resource id (`pods`, `deployments.apps`). */
  resource: string;
  /** `namespace/name`, or `name` when cluster-scoped: the etcd key below the resource prefix. */
  key: string;
  /** The object after the write; for DELETED, its last state stamped with the deletion's resourceVersion. */
  object: KubeObject;
  /** The object before the write; absent for ADDED. */
  previous: KubeObject | undefined;
}

/**
 * The bounded window of recent events a watch or a pinned list can be served from, like the watch
 * cache (and etcd's compaction) of a real server: anything at or before `floor` is gone.
 */
export class EventHistory {
  private events: StoreEvent[] = [];
  private compactedThrough: number;

  constructor(
    private readonly capacity: number,
    startResourceVersion: number,
  ) {
    this.compactedThrough = startResourceVersion;
  }

  /** The oldest resourceVersion still servable: a watch from it gets every later event. */
  get floor(): number {
    return this.compactedThrough;
  }

  isExpired(resourceVersion: number): boolean {
    return resourceVersion < this.compactedThrough;
  }

  append(event: StoreEvent): void {
    this.events.push(event);
    const overflow = this.events.length - this.capacity;
    if (overflow > 0) {
      this.compactedThrough = this.events[overflow - 1]?.resourceVersion ?? this.compactedThrough;
      this.events = this.events.slice(overflow);
    }
  }

  /** Events strictly after `resourceVersion`, oldest first. Callers check isExpired first. */
  since(resourceVersion: number): StoreEvent[] {
    return this.events.filter((e) => e.resourceVersion > resourceVersion);
  }

  /** Forgets every event up to and including `resourceVersion`, as an etcd compaction does. */
  compact(resourceVersion: number): void {
    this.compactedThrough = Math.max(this.compactedThrough, resourceVersion);
    this.events = this.since(resourceVersion);
  }
}
