import type { KubeObject } from "../../interpret/kube-object.ts";
import type { Scheduler } from "../transport/scheduler.ts";
import { type ApiResource, collectionPath } from "./discovery.ts";
import type { Watcher } from "./kube-watch.ts";
import type { ObjectTracker } from "./object-tracker.ts";
import { type RetryPolicy, retryDelay, sleep } from "./retry.ts";
import type { WatchMetrics } from "./watch-metrics.ts";
import { openWatch } from "./watch-stream.ts";

/** One list/watch stream of a kind: a namespace (or all) and a label selector. */
export interface Scope {
  namespace: string | undefined;
  labelSelector: string;
}

export interface ScopeWatchDeps {
  watch: Watcher;
  tracker: ObjectTracker;
  metrics: WatchMetrics;
  scheduler: Scheduler;
  random: () => number;
  /** `group/Kind`, the metrics' kind label. */
  kindKey: string;
  resource: ApiResource;
  errorRetry: RetryPolicy;
  /** Watches ask the server to end them after this long to that long again (client-go: 5 to 10 min). */
  minWatchTimeoutSeconds: number;
  /** A watch ended and is about to be resumed. */
  onRestart(): void;
  /** A watch failed and waits to be resumed ("backoff"), or runs again ("watching"). */
  onState(state: "watching" | "backoff", error?: unknown): void;
}

/** Statuses a resumed watch cannot get past: the kind is forbidden or no longer served. */
const FATAL = new Set([401, 403, 404]);

/**
 * Watches one scope from `resourceVersion` and resumes from the newest resourceVersion seen (events
 * and bookmarks) whenever the stream ends, so a dropped connection or timeout costs no list. Resolves
 * "expired" when the server no longer has that resourceVersion (a relist is due), "stopped" when
 * `signal` aborts; throws when the server refuses the kind (401, 403, 404).
 */
export async function watchScope(
  deps: ScopeWatchDeps,
  scope: Scope,
  resourceVersion: string,
  signal: AbortSignal,
): Promise<"expired" | "stopped"> {
  const { resource, tracker, metrics, kindKey } = deps;
  const path = collectionPath(resource, scope.namespace);
  let rv = resourceVersion;
  // Ends in a row with nothing received: the first resumes at once, later ones back off.
  let quietEnds = 0;
  let heard = false;
  const events = metrics.events.of(kindKey);
  const onObject = (type: "ADDED" | "MODIFIED" | "DELETED", obj: KubeObject) => {
    heard = true;
    obj.apiVersion ??= resource.apiVersion;
    obj.kind ??= resource.kind;
    const seen = obj.metadata?.resourceVersion;
    if (seen) rv = seen;
    events[tracker.observe(type, obj)]++;
  };
  while (!signal.aborted) {
    heard = false;
    const timeoutSeconds = Math.floor(deps.minWatchTimeoutSeconds * (1 + deps.random()));
    const query = {
      resourceVersion: rv,
      allowWatchBookmarks: true,
      labelSelector: scope.labelSelector || undefined,
      timeoutSeconds,
    };
    const stream = openWatch(deps.watch, path, query, {
      object: onObject,
      bookmark: (bookmarked) => {
        heard = true;
        rv = bookmarked;
      },
    });
    const stop = () => stream.stop();
    signal.addEventListener("abort", stop, { once: true });
    const end = await stream.ended;
    signal.removeEventListener("abort", stop);
    if (end.type === "stopped") return "stopped";
    if (end.type === "expired") return "expired";
    if (end.type === "failed" && end.statusCode !== undefined && FATAL.has(end.statusCode)) throw end.error;
    quietEnds = heard ? 1 : quietEnds + 1;
    deps.onRestart();
    if (end.type === "failed") deps.onState("backoff", end.error);
    await sleep(retryDelay(quietEnds - 1, deps.errorRetry, deps.random), deps.scheduler, signal);
    if (end.type === "failed") deps.onState("watching");
  }
  return "stopped";
}
