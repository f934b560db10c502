import type { KubeObject } from "../../interpret/kube-object.ts";
import { isRecord, str } from "../../interpret/kube-object.ts";
import { KubeApiError, type Query, statusCodeOf } from "./kube-http.ts";
import type { Watcher } from "./kube-watch.ts";

export type ObjectEventType = "ADDED" | "MODIFIED" | "DELETED";

/** How a watch ended, as the caller must act on it. */
export type WatchEnd =
  /** The server ended the stream (its timeout), or it went quiet too long: resume from the last resourceVersion. */
  | { type: "closed"; reason: "server" | "idle" }
  /** 410 Gone: the resourceVersion is older than the server's history: list again. */
  | { type: "expired" }
  | { type: "failed"; error: unknown; statusCode: number | undefined }
  | { type: "stopped" };

export interface WatchHandlers {
  object(type: ObjectEventType, obj: KubeObject): void;
  bookmark(resourceVersion: string): void;
}

export interface OpenWatch {
  /** Resolves once, when the watch ended for any reason. */
  readonly ended: Promise<WatchEnd>;
  /** Whether the server accepted the watch (answered 200). */
  readonly connected: boolean;
  stop(): void;
}

const OBJECT_EVENTS: ReadonlySet<string> = new Set(["ADDED", "MODIFIED", "DELETED"]);

/** Opens one watch request and reports its events until it ends. */
export function openWatch(watch: Watcher, path: string, query: Query, handlers: WatchHandlers): OpenWatch {
  let controller: AbortController | undefined;
  let stopped = false;
  let expired = false;
  let refusal: KubeApiError | undefined;
  let finish: (end: WatchEnd) => void = () => {};
  const ended = new Promise<WatchEnd>((resolve) => {
    finish = resolve;
  });
  const handle = {
    connected: false,
    ended,
    stop() {
      stopped = true;
      controller?.abort();
      finish({ type: "stopped" });
    },
  };

  const onEvent = (type: string, obj: unknown) => {
    if (stopped || !isRecord(obj)) return;
    if (OBJECT_EVENTS.has(type)) handlers.object(type as ObjectEventType, obj as KubeObject);
    else if (type === "BOOKMARK") {
      const rv = isRecord(obj.metadata) ? str(obj.metadata.resourceVersion) : undefined;
      if (rv) handlers.bookmark(rv);
    } else if (type === "ERROR") {
      // A Status inside a 200 stream: how a server refuses a watch it has already begun.
      const code = typeof obj.code === "number" ? obj.code : 500;
      if (code === 410) expired = true;
      else refusal = new KubeApiError(code, String(obj.reason ?? ""), String(obj.message ?? "watch error"));
    }
  };
  const onDone = (error: unknown) => {
    if (stopped) return finish({ type: "stopped" });
    if (expired || statusCodeOf(error) === 410) return finish({ type: "expired" });
    if (refusal) return finish({ type: "failed", error: refusal, statusCode: refusal.statusCode });
    if (!error) return finish({ type: "closed", reason: "server" });
    if (isRecord(error) && error.name === "TimeoutError" && handle.connected)
      return finish({ type: "closed", reason: "idle" });
    finish({ type: "failed", error, statusCode: statusCodeOf(error) });
  };

  watch.watch(path, query, onEvent, onDone).then((c) => {
    controller = c;
    if (!c.signal.aborted) handle.connected = true;
    if (stopped) c.abort();
  }, onDone);
  return handle;
}
