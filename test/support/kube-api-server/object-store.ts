import type { KubeObject } from "../../../src/interpret/kube-object.ts";
import { EventHistory, type StoreEvent } from "./event-history.ts";

export class ResourceVersionExpiredError extends Error {
  override name = "ResourceVersionExpiredError";
  constructor(
    readonly requested: number,
    readonly floor: number,
  ) {
    super(`resourceVersion ${requested} is older than the history window (${floor})`);
  }
}

/** The etcd key of an object below its resource prefix. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

function stamped(obj: KubeObject, resourceVersion: number): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(resourceVersion) } };
}

const byKey = (a: [string, KubeObject], b: [string, KubeObject]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * etcd in miniature: one global revision bumped by every write to any resource, objects stamped
 * with the revision that wrote them, a bounded event history, and reads at an older revision.
 * Stored objects are never mutated; every write stores a fresh copy.
 */
export class ObjectStore {
  private revision: number;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  readonly history: EventHistory;

  constructor(options: { startResourceVersion: number; historySize: number }) {
    this.revision = options.startResourceVersion;
    this.history = new EventHistory(options.historySize, options.startResourceVersion);
  }

  get resourceVersion(): number {
    return this.revision;
  }

  get(resource: string, key: string): KubeObject | undefined {
    return this.objects.get(resource)?.get(key);
  }

  /** Current objects of a resource, in key order as etcd ranges them. */
  entries(resource: string): [string, KubeObject][] {
    return [...(this.objects.get(resource) ?? [])].sort(byKey);
  }

  /** Objects of a resource as they were at `resourceVersion`, rebuilt by undoing later events. */
  entriesAt(resource: string, resourceVersion: number): [string, KubeObject][] {
    if (resourceVersion >= this.revision) return this.entries(resource);
    if (this.history.isExpired(resourceVersion))
      throw new ResourceVersionExpiredError(resourceVersion, this.history.floor);
    const state = new Map(this.objects.get(resource) ?? []);
    for (const event of this.history.since(resourceVersion).reverse()) {
      if (event.resource !== resource) continue;
      if (event.previous) state.set(event.key, event.previous);
      else state.delete(event.key);
    }
    return [...state].sort(byKey);
  }

  /**
   * Writes `next` (or deletes, when undefined) under a new revision and tells every listener.
   * Returns the event, or undefined when deleting what is not there.
   */
  commit(resource: string, key: string, next: KubeObject | undefined): StoreEvent | undefined {
    const previous = this.get(resource, key);
    if (!previous && !next) return undefined;
    const resourceVersion = ++this.revision;
    let objects = this.objects.get(resource);
    if (!objects) {
      objects = new Map();
      this.objects.set(resource, objects);
    }
    let event: StoreEvent;
    if (next) {
      const object = stamped(structuredClone(next), resourceVersion);
      objects.set(key, object);
      event = { resourceVersion, type: previous ? "MODIFIED" : "ADDED", resource, key, object, previous };
    } else {
      objects.delete(key);
      const object = stamped(previous as KubeObject, resourceVersion);
      event = { resourceVersion, type: "DELETED", resource, key, object, previous };
    }
    this.history.append(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Forgets all history so far: a watch or continue token from any older resourceVersion gets 410. */
  compact(): void {
    this.history.compact(this.revision);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
