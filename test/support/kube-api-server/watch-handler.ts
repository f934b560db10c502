// WATCH as the real server answers it. Once the request is valid the answer is always a 200 stream;
// a resourceVersion the history no longer holds is reported inside it as an ERROR event (410 Expired),
// not as an HTTP status, and the stream then ends.

import type { ServerResponse } from "node:http";
import { objectFilter } from "./list-handler.ts";
import { type ListOptions, parseResourceVersion } from "./list-options.ts";
import type { ObjectStore } from "./object-store.ts";
import { resourceId } from "./resource-type.ts";
import type { ResourcePath } from "./route.ts";
import { failure, StatusError, statuses } from "./status.ts";
import type { WatchHub } from "./watch-hub.ts";
import { WatchStream } from "./watch-stream.ts";

/** Where a watch starts: with the current state as ADDED events, or after a given resourceVersion. */
type WatchStart =
  | { type: "initialState"; streaming: boolean }
  | { type: "current" }
  | { type: "after"; resourceVersion: number };

const INITIAL_EVENTS_END = { "k8s.io/initial-events-end": "true" };

function invalid(message: string): StatusError {
  return new StatusError(failure(422, "Invalid", `ListOptions.meta.k8s.io "" is invalid: ${message}`));
}

function watchStart(opts: ListOptions): WatchStart {
  if (opts.sendInitialEvents === true) {
    if (opts.resourceVersionMatch !== "NotOlderThan")
      throw invalid(
        "resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
      );
    if (!opts.allowWatchBookmarks)
      throw invalid(
        "allowWatchBookmarks: Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true",
      );
    return { type: "initialState", streaming: true };
  }
  if (opts.resourceVersion === "" || opts.resourceVersion === "0")
    return opts.sendInitialEvents === false
      ? { type: "current" }
      : { type: "initialState", streaming: false };
  return { type: "after", resourceVersion: parseResourceVersion(opts.resourceVersion) };
}

export function serveWatch(
  store: ObjectStore,
  hub: WatchHub,
  res: ServerResponse,
  path: ResourcePath,
  opts: ListOptions,
): void {
  const fieldSelector = path.name
    ? [opts.fieldSelector, `metadata.name=${path.name}`].filter((s) => s !== "").join(",")
    : opts.fieldSelector;
  const matches = objectFilter(path.rt, path.namespace, { ...opts, fieldSelector });
  const start = watchStart(opts);
  const stream = new WatchStream(res, path.rt, path.version, matches, opts.allowWatchBookmarks);
  stream.open();
  // From here to hub.add everything is synchronous, so no write can slip between replay and live events.
  if (start.type === "after") {
    if (store.history.isExpired(start.resourceVersion)) {
      stream.fail(statuses.tooOldResourceVersion(start.resourceVersion, store.history.floor));
      return;
    }
    if (start.resourceVersion > store.resourceVersion) {
      stream.fail(statuses.tooLargeResourceVersion(start.resourceVersion, store.resourceVersion));
      return;
    }
    for (const event of store.history.since(start.resourceVersion)) stream.change(event);
  } else if (start.type === "initialState") {
    for (const [key, obj] of store.entries(resourceId(path.rt))) stream.added(key, obj);
    if (start.streaming) stream.bookmark(store.resourceVersion, INITIAL_EVENTS_END);
  }
  hub.add(stream);
  if (opts.timeoutSeconds !== undefined && opts.timeoutSeconds > 0) {
    // A real server sends a last bookmark just before a watch times out, so the client resumes from there.
    stream.after(opts.timeoutSeconds * 1000, () => {
      stream.bookmark(store.resourceVersion);
      stream.end();
    });
  }
}
