import type { Registry } from "prom-client";
import { groupOf, versionOf } from "../../src/interpret/kube-object.ts";
import { systemScheduler } from "../../src/relay/transport/scheduler.ts";
import type { Sender } from "../../src/relay/transport/sender-api.ts";
import { type ApiResource, collectionPath } from "../../src/relay/watch/discovery.ts";
import { ObjectTracker } from "../../src/relay/watch/object-tracker.ts";
import { watchScope } from "../../src/relay/watch/scope-watch.ts";
import { createStatusReader } from "../../src/relay/watch/status-reader.ts";
import { dispatchWatchLine, type WatchCallback } from "../../src/relay/watch/stream-lines.ts";
import { createWatchMetrics } from "../../src/relay/watch/watch-metrics.ts";
import { DEFAULT_TIMING } from "../../src/relay/watch/watch-timing.ts";
import type { KindGroup } from "./object-population.ts";

/**
 * The relay's KubeWatch with the socket taken out: a line handed to `line` goes through the same
 * `dispatchWatchLine` as a line read from the API server (managedFields cut, JSON.parse, then the
 * callback), so from the raw line on, everything is the relay's code: watch-stream.ts, scope-watch.ts
 * (resourceVersion, the events counter), the tracker (interpret, fingerprint) and the sender's enqueue.
 */
class LineWatch {
  readonly #callbacks = new Map<string, WatchCallback>();

  watch(path: string, _query: unknown, callback: WatchCallback): Promise<AbortController> {
    this.#callbacks.set(path, callback);
    return Promise.resolve(new AbortController());
  }

  line(path: string, line: string): void {
    dispatchWatchLine(line, this.#callback(path));
  }

  /** A line already parsed: the relay's part of the work alone, for profiles. */
  data(path: string, data: { type: string; object: unknown }): void {
    this.#callback(path)(data.type, data.object);
  }

  #callback(path: string): WatchCallback {
    const callback = this.#callbacks.get(path);
    if (!callback) throw new Error(`no watch open on ${path}`);
    return callback;
  }
}

export interface WatchFeed {
  readonly tracker: ObjectTracker;
  /** One raw line arriving on the watch of `watch` (`apiVersion/Kind`). */
  push(watch: string, line: string): void;
  /** One line as JSON.parse left it (for timing the relay's code without the parse). */
  pushParsed(watch: string, data: { type: string; object: unknown }): void;
  stop(): Promise<void>;
}

/** One open watch per kind of `groups`, all feeding one tracker that enqueues into `sender`, as the relay's watch set does. */
export function startWatchFeed(
  groups: readonly KindGroup[],
  sender: Pick<Sender, "enqueue" | "sendSnapshot">,
  registry: Registry,
): WatchFeed {
  const tracker = new ObjectTracker({ sender, readStatus: createStatusReader({ rules: [], metrics: [] }) });
  const metrics = createWatchMetrics(registry, { trackedObjects: () => tracker.size(), states: () => [] });
  const watch = new LineWatch();
  const stopping = new AbortController();
  const paths = new Map<string, string>();
  const runs = groups.map((group) => {
    const resource: ApiResource = {
      group: groupOf(group.apiVersion),
      version: versionOf(group.apiVersion),
      apiVersion: group.apiVersion,
      kind: group.kind,
      plural: `${group.kind.toLowerCase()}s`,
      namespaced: group.namespaced,
    };
    paths.set(group.id, collectionPath(resource));
    const deps = {
      watch,
      tracker,
      metrics,
      scheduler: systemScheduler,
      random: Math.random,
      kindKey: group.kindKey,
      resource,
      errorRetry: DEFAULT_TIMING.errorRetry,
      minWatchTimeoutSeconds: DEFAULT_TIMING.minWatchTimeoutSeconds,
      onRestart: () => {},
      onState: () => {},
    };
    return watchScope(deps, { namespace: undefined, labelSelector: "" }, "1", stopping.signal);
  });
  return {
    tracker,
    push(id, line) {
      watch.line(paths.get(id) ?? id, line);
    },
    pushParsed(id, data) {
      watch.data(paths.get(id) ?? id, data);
    },
    async stop() {
      stopping.abort();
      await Promise.all(runs);
    },
  };
}
