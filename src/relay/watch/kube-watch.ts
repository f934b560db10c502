import { IsomorphicFetchHttpLibrary, type KubeConfig } from "@kubernetes/client-node";
import { errorOf, kubeRequest, type Query } from "./kube-http.ts";
import { dispatchWatchLine, LineSplitter, type WatchCallback } from "./stream-lines.ts";

export type { WatchCallback } from "./stream-lines.ts";

/** Called once when a watch ends: `null` when the server closed it, else the error. */
export type WatchDone = (error: unknown) => void;

/** Opens watch requests; the shape of client-node's Watch, so either can serve. */
export interface Watcher {
  /** Resolves once the server answered (or the request failed) with the request's controller. */
  watch(path: string, query: Query, callback: WatchCallback, done: WatchDone): Promise<AbortController>;
}

const timeoutError = () => new DOMException("no data from the watch for too long", "TimeoutError");

/**
 * A watch through client-node's HTTP layer (its auth, TLS and proxy handling) that reads the stream
 * itself instead of client-node's Watch: it decodes each line through `dispatchWatchLine`, which
 * skips managedFields before parsing, and splits lines without a readline interface per watch.
 * Like client-node's, it aborts after `idleTimeoutMs` without data and reports that as a TimeoutError.
 * Unlike it, an error thrown by `callback` ends the watch as failed instead of vanishing: the kind then
 * shows the error on /readyz while it backs off, and resumes after the event that threw.
 */
export class KubeWatch implements Watcher {
  readonly #http = new IsomorphicFetchHttpLibrary();

  constructor(
    readonly kubeConfig: KubeConfig,
    readonly idleTimeoutMs: number,
  ) {}

  async watch(
    path: string,
    query: Query,
    callback: WatchCallback,
    done: WatchDone,
  ): Promise<AbortController> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    let finished = false;
    const finish = (error: unknown) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      controller.abort();
      done(error && timedOut ? timeoutError() : error);
    };
    const resetTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(timeoutError());
      }, this.idleTimeoutMs);
      timer.unref();
    };
    try {
      resetTimer();
      const request = await kubeRequest(this.kubeConfig, path, { ...query, watch: true }, controller.signal);
      const response = await this.#http.send(request).toPromise();
      if (response.httpStatusCode !== 200)
        throw errorOf(response.httpStatusCode, await response.body.text(), path);
      resetTimer();
      readLines(response.body.stream(), callback, resetTimer).then(() => finish(null), finish);
    } catch (error) {
      finish(error);
    }
    return controller;
  }
}

async function readLines(
  body: ReadableStream<Uint8Array> | null | undefined,
  callback: WatchCallback,
  onData: () => void,
): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const lines = new LineSplitter();
  const onLine = (line: string) => dispatchWatchLine(line, callback);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    onData();
    lines.push(decoder.decode(value, { stream: true }), onLine);
  }
  lines.push(decoder.decode(), onLine);
  lines.end(onLine);
}
