// How one stored change looks to one watcher. A selector turns changes into arrivals and departures,
// as the real cacher does: an object that starts matching arrives as ADDED, one that stops matching
// leaves as DELETED (carrying its new state), and changes outside the selection are not sent at all.

import type { KubeObject } from "../../../src/interpret/kube-object.ts";
import type { StoreEvent } from "./event-history.ts";
import type { ObjectFilter } from "./list-handler.ts";
import type { Status } from "./status.ts";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject | Status;
}

export interface FilteredChange {
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: KubeObject;
}

export function filterChange(event: StoreEvent, matches: ObjectFilter): FilteredChange | undefined {
  const now = event.type !== "DELETED" && matches(event.key, event.object);
  const before = event.previous !== undefined && matches(event.key, event.previous);
  if (event.type === "DELETED") return before ? { type: "DELETED", object: event.object } : undefined;
  if (now && before) return { type: "MODIFIED", object: event.object };
  if (now) return { type: "ADDED", object: event.object };
  if (before) return { type: "DELETED", object: event.object };
  return undefined;
}
