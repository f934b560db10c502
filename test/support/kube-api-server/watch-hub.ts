import type { ObjectStore } from "./object-store.ts";
import type { ResourceRegistry } from "./resource-registry.ts";
import { namesResource, resourceId } from "./resource-type.ts";
import type { WatchStream } from "./watch-stream.ts";

interface Waiter {
  count: number;
  resource: string | undefined;
  resolve: () => void;
}

/** Every open watch: fed by the store, bookmarked on a timer or on demand, and cut by tests. */
export class WatchHub {
  private readonly streams = new Set<WatchStream>();
  private waiters: Waiter[] = [];

  constructor(
    private readonly store: ObjectStore,
    registry: ResourceRegistry,
    private readonly bookmarkIntervalMs: number,
  ) {
    store.subscribe((event) => {
      for (const stream of this.streams) stream.change(event);
    });
    // A resource that stops being served ends its watches, as when a CRD is deleted.
    registry.onRemoved((rt) => {
      for (const stream of this.streams) if (resourceId(stream.rt) === resourceId(rt)) stream.end();
    });
  }

  add(stream: WatchStream): void {
    if (!stream.isOpen) return;
    this.streams.add(stream);
    stream.onClose(() => this.streams.delete(stream));
    if (this.bookmarkIntervalMs > 0)
      stream.every(this.bookmarkIntervalMs, () => stream.bookmark(this.store.resourceVersion));
    this.wakeWaiters();
  }

  /** Open watches, on one resource (plural, `plural.group` or Kind) or on all. */
  count(resource?: string): number {
    return [...this.streams].filter((s) => resource === undefined || namesResource(s.rt, resource)).length;
  }

  /** Resolves once at least `count` watches are open: a client has finished (re)connecting. */
  waitFor(count: number, resource?: string): Promise<void> {
    if (this.count(resource) >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resource, resolve }));
  }

  bookmarkAll(): void {
    for (const stream of this.streams) stream.bookmark(this.store.resourceVersion);
  }

  /** Cuts every watch: abruptly (socket destroyed) by default, or as a clean end of stream. */
  dropAll(options: { graceful?: boolean } = {}): void {
    for (const stream of [...this.streams]) {
      if (options.graceful) stream.end();
      else stream.destroy();
    }
  }

  private wakeWaiters(): void {
    const ready = this.waiters.filter((w) => this.count(w.resource) >= w.count);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve();
  }
}
