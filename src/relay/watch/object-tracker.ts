import type { Validity } from "../../interpret/kind-interpreter.ts";
import type { KubeObject } from "../../interpret/kube-object.ts";
import type { ObjectStatus } from "../../model/object-status.ts";
import type { WireEvent } from "../../model/wire.ts";
import type { Logger } from "../transport/logger.ts";
import { type Scheduler, systemScheduler } from "../transport/scheduler.ts";
import type { Sender } from "../transport/sender-api.ts";
import { statusFingerprint } from "./fingerprint.ts";
import { Listing } from "./listing.ts";
import { monotonicClock } from "./monotonic-clock.ts";
import { KindKeys, objectKeyIn } from "./object-keys.ts";
import { type Recheck, Rechecks } from "./rechecks.ts";
import type { ObjectEventType } from "./watch-stream.ts";
import { deleteEvent, type EventContext, upsertEvent } from "./wire-event-of.ts";

/** Object → status, as configured (interpreter rows, config rules, custom metric inputs). */
export type StatusReader = (obj: KubeObject, validity?: Validity) => ObjectStatus;

/** What an observed event became: a transition sent, nothing new, a delete sent, or not an object. */
export type Observed = "sent" | "unchanged" | "deleted" | "ignored";

export interface TrackerOptions {
  sender: Pick<Sender, "enqueue" | "sendSnapshot">;
  readStatus: StatusReader;
  /** Config `bundles.labelKeys`: the only labels an event carries. */
  labelKeys?: readonly string[];
  now?: () => Date;
  log?: Logger;
  /** Times the reading again of statuses that hold only for a while (see Rechecks). */
  scheduler?: Scheduler;
}

/** All the tracker keeps of an object: which one it is, how far it was seen, and a hash of its status. */
class Tracked {
  constructor(
    public uid: string,
    public resourceVersion: string,
    public fingerprint: number,
  ) {}
}

/**
 * Compact per-object state, so only transitions leave the relay. Objects are grouped by kind
 * (`group/Kind` → `namespace/name` → Tracked): a relist of one kind touches only its own map.
 */
export class ObjectTracker {
  readonly #kinds = new Map<string, Map<string, Tracked>>();
  readonly #kindKeys = new KindKeys();
  readonly #sender: TrackerOptions["sender"];
  readonly #log: Logger | undefined;
  #readStatus: StatusReader;
  readonly #ctx: EventContext;
  readonly #validity: Validity = { until: Number.POSITIVE_INFINITY };
  readonly #rechecks: Rechecks;

  constructor(options: TrackerOptions) {
    this.#sender = options.sender;
    this.#readStatus = options.readStatus;
    this.#log = options.log;
    // observedAt orders an object's events in the store: it must not go back when the wall clock does.
    this.#ctx = { labelKeys: options.labelKeys ?? [], now: monotonicClock(options.now) };
    this.#rechecks = new Rechecks(options.scheduler ?? systemScheduler, (recheck) => this.#recheck(recheck));
  }

  /** Stops the timer of pending rechecks (the relay is stopping). */
  close(): void {
    this.#rechecks.clear();
  }

  /** New rules or metric families: later events are read with them (relist to re-read what is tracked). */
  setStatusReader(readStatus: StatusReader): void {
    this.#readStatus = readStatus;
  }

  setLabelKeys(labelKeys: readonly string[]): void {
    this.#ctx.labelKeys = labelKeys;
  }

  /** One watch event: an UPSERT when the object is new or its status fingerprint changed, a DELETE when it went. */
  observe(type: ObjectEventType, obj: KubeObject): Observed {
    // Every event passes here: each field is read once (objects of many shapes make every read slow).
    const meta = obj.metadata;
    const name = meta?.name;
    const { apiVersion, kind } = obj;
    if (!name || !kind || !apiVersion) return "ignored";
    const kindKey = this.#kindKeys.of(apiVersion, kind);
    const namespace = meta.namespace;
    const key = namespace ? `${namespace}/${name}` : name;
    if (type === "DELETED") {
      this.#kinds.get(kindKey)?.delete(key);
      this.#rechecks.cancel(kindKey, key);
      this.#enqueue(deleteEvent(obj, this.#ctx));
      return "deleted";
    }
    const objects = this.#objectsOf(kindKey);
    const uid = meta.uid ?? "";
    const resourceVersion = meta.resourceVersion;
    const tracked = objects.get(key);
    if (tracked && tracked.resourceVersion === resourceVersion && tracked.uid === uid) {
      return "unchanged"; // the same revision again: nothing to read
    }
    const status = this.#read(obj);
    this.#noteValidity(kindKey, key, obj);
    if (!this.#track(objects, key, tracked, uid, resourceVersion ?? "", status)) return "unchanged";
    this.#enqueue(upsertEvent(obj, status, this.#ctx));
    return "sent";
  }

  /** Starts a full listing of one kind; its objects go out as one snapshot when it completes. */
  beginListing(kind: string): Listing {
    return new Listing(kind, {
      add: (obj) => {
        const status = this.#read(obj);
        const objects = this.#objectsOf(kind);
        const key = objectKeyIn(obj);
        this.#noteValidity(kind, key, obj);
        const meta = obj.metadata;
        this.#track(objects, key, objects.get(key), meta?.uid ?? "", meta?.resourceVersion ?? "", status);
        return upsertEvent(obj, status, this.#ctx);
      },
      complete: (listed, listedAt, events) => {
        const objects = this.#objectsOf(kind);
        // Not listed: deleted while nobody watched. The snapshot's last part tombstones them in the store.
        for (const key of objects.keys()) {
          if (listed.has(key)) continue;
          objects.delete(key);
          this.#rechecks.cancel(kind, key);
        }
        return this.#sender.sendSnapshot([kind], listedAt, events);
      },
    });
  }

  forgetKind(kind: string): void {
    this.#kinds.delete(kind);
    this.#rechecks.cancelKind(kind);
  }

  /** Tracked objects, of one kind or of all. */
  size(kind?: string): number {
    if (kind !== undefined) return this.#kinds.get(kind)?.size ?? 0;
    let total = 0;
    for (const objects of this.#kinds.values()) total += objects.size;
    return total;
  }

  /** The object's status; a reader that throws on one odd object costs that object, not the kind's list. */
  #read(obj: KubeObject): ObjectStatus {
    this.#validity.until = Number.POSITIVE_INFINITY;
    try {
      return this.#readStatus(obj, this.#validity);
    } catch (error) {
      this.#log?.warn("status not readable", {
        kind: obj.kind,
        name: obj.metadata?.name,
        error: String(error),
      });
      return { health: "Unknown", kstatus: "Unknown", message: `cannot interpret status: ${String(error)}` };
    }
  }

  /** After a #read: keeps a time-bound status's object to read again when it may change, else lets go of it. */
  #noteValidity(kind: string, key: string, obj: KubeObject): void {
    const at = this.#validity.until;
    if (at < Number.POSITIVE_INFINITY) this.#rechecks.schedule({ kind, key, obj, at });
    else this.#rechecks.cancel(kind, key);
  }

  /** A recheck came due: unless a newer event replaced the object, its status is read again, and sent if it moved. */
  #recheck({ kind, key, obj }: Recheck): void {
    const objects = this.#kinds.get(kind);
    const tracked = objects?.get(key);
    const meta = obj.metadata;
    if (!objects || !tracked || tracked.uid !== (meta?.uid ?? "")) return;
    if (tracked.resourceVersion !== (meta?.resourceVersion ?? "")) return;
    const status = this.#read(obj);
    this.#noteValidity(kind, key, obj);
    if (this.#track(objects, key, tracked, tracked.uid, tracked.resourceVersion, status))
      this.#enqueue(upsertEvent(obj, status, this.#ctx));
  }

  #objectsOf(kind: string): Map<string, Tracked> {
    const objects = this.#kinds.get(kind);
    if (objects) return objects;
    const created = new Map<string, Tracked>();
    this.#kinds.set(kind, created);
    return created;
  }

  /** Records the object's state (`tracked` is what is held at `key`); true when it is new, re-created, or its fingerprint changed. */
  #track(
    objects: Map<string, Tracked>,
    key: string,
    tracked: Tracked | undefined,
    uid: string,
    resourceVersion: string,
    status: ObjectStatus,
  ): boolean {
    const fingerprint = statusFingerprint(status);
    if (tracked && tracked.uid === uid && tracked.fingerprint === fingerprint) {
      tracked.resourceVersion = resourceVersion;
      return false;
    }
    if (tracked) {
      tracked.uid = uid;
      tracked.resourceVersion = resourceVersion;
      tracked.fingerprint = fingerprint;
    } else objects.set(key, new Tracked(uid, resourceVersion, fingerprint));
    return true;
  }

  #enqueue(event: WireEvent): void {
    const result = this.#sender.enqueue(event);
    if (result === "invalid")
      this.#log?.warn("event not sendable", { kind: event.object.kind, name: event.object.name });
  }
}
