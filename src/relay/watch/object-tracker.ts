import type { KubeObject } from "../../interpret/kube-object.ts";
import type { ObjectStatus } from "../../model/object-status.ts";
import type { WireEvent } from "../../model/wire.ts";
import type { Logger } from "../transport/logger.ts";
import type { Sender } from "../transport/sender-api.ts";
import { statusFingerprint } from "./fingerprint.ts";
import { Listing } from "./listing.ts";
import { KindKeys, objectKeyIn } from "./object-keys.ts";
import type { ObjectEventType } from "./watch-stream.ts";
import { deleteEvent, type EventContext, upsertEvent } from "./wire-event-of.ts";

/** Object → status, as configured (interpreter rows, config rules, custom metric inputs). */
export type StatusReader = (obj: KubeObject) => ObjectStatus;

/** What an observed event became: a transition sent, nothing new, a delete sent, or not an object. */
export type Observed = "sent" | "unchanged" | "deleted" | "ignored";

export interface TrackerOptions {
  sender: Pick<Sender, "enqueue" | "sendSnapshot">;
  readStatus: StatusReader;
  /** Config `bundles.labelKeys`: the only labels an event carries. */
  labelKeys?: readonly string[];
  now?: () => Date;
  log?: Logger;
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

  constructor(options: TrackerOptions) {
    this.#sender = options.sender;
    this.#readStatus = options.readStatus;
    this.#log = options.log;
    this.#ctx = { labelKeys: options.labelKeys ?? [], now: options.now ?? (() => new Date()) };
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
        const meta = obj.metadata;
        this.#track(objects, key, objects.get(key), meta?.uid ?? "", meta?.resourceVersion ?? "", status);
        return upsertEvent(obj, status, this.#ctx);
      },
      complete: (listed, listedAt, events) => {
        const objects = this.#objectsOf(kind);
        // Not listed: deleted while nobody watched. The snapshot's last part tombstones them in the store.
        for (const key of objects.keys()) if (!listed.has(key)) objects.delete(key);
        return this.#sender.sendSnapshot([kind], listedAt, events);
      },
    });
  }

  forgetKind(kind: string): void {
    this.#kinds.delete(kind);
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
    try {
      return this.#readStatus(obj);
    } catch (error) {
      this.#log?.warn("status not readable", {
        kind: obj.kind,
        name: obj.metadata?.name,
        error: String(error),
      });
      return { health: "Unknown", kstatus: "Unknown", message: `cannot interpret status: ${String(error)}` };
    }
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
