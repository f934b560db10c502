import type { ServerResponse } from "node:http";
import type { KubeObject } from "../../../src/interpret/kube-object.ts";
import type { StoreEvent } from "./event-history.ts";
import type { ObjectFilter } from "./list-handler.ts";
import { apiVersionOf, type ResourceType, resourceId } from "./resource-type.ts";
import { servedObject } from "./served-object.ts";
import type { Status } from "./status.ts";
import { filterChange, type WatchEvent } from "./watch-event.ts";

/**
 * One open watch: a chunked 200 response of newline-delimited WatchEvents, each flushed as it
 * happens, until the client goes, the server ends it, or a test cuts it.
 */
export class WatchStream {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly closeListeners: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly res: ServerResponse,
    readonly rt: ResourceType,
    private readonly version: string,
    private readonly matches: ObjectFilter,
    private readonly bookmarks: boolean,
  ) {}

  open(): void {
    this.res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-cache, private" });
    this.res.flushHeaders();
    this.res.on("close", () => this.finish());
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** A stored change, sent if it concerns this watch's resource and selection. */
  change(event: StoreEvent): void {
    if (event.resource !== resourceId(this.rt)) return;
    const filtered = filterChange(event, this.matches);
    if (filtered)
      this.write({ type: filtered.type, object: servedObject(this.rt, this.version, filtered.object) });
  }

  /** An object of the initial state, sent when the watch starts from "any" resourceVersion. */
  added(key: string, obj: KubeObject): void {
    if (this.matches(key, obj))
      this.write({ type: "ADDED", object: servedObject(this.rt, this.version, obj) });
  }

  /** A BOOKMARK: an empty object of the watched kind carrying only the resourceVersion reached. */
  bookmark(resourceVersion: number, annotations?: Record<string, string>): void {
    if (!this.bookmarks) return;
    const metadata = { resourceVersion: String(resourceVersion), ...(annotations ? { annotations } : {}) };
    this.write({
      type: "BOOKMARK",
      object: { kind: this.rt.kind, apiVersion: apiVersionOf(this.rt.group, this.version), metadata },
    });
  }

  /** An ERROR event, then the end: how a real server refuses a watch once it has started streaming. */
  fail(status: Status): void {
    this.write({ type: "ERROR", object: status });
    this.end();
  }

  /** Ends the stream cleanly, as a server-side timeout does. */
  end(): void {
    if (!this.closed) this.res.end();
    this.finish();
  }

  /** Cuts the connection mid-stream, as a crashed server or a broken network does. */
  destroy(): void {
    this.res.destroy();
    this.finish();
  }

  every(ms: number, action: () => void): void {
    const timer = setInterval(action, ms);
    timer.unref();
    this.timers.push(timer);
  }

  after(ms: number, action: () => void): void {
    const timer = setTimeout(action, ms);
    timer.unref();
    this.timers.push(timer);
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  private write(event: WatchEvent): void {
    if (!this.closed) this.res.write(`${JSON.stringify(event)}\n`);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const listener of this.closeListeners) listener();
  }
}
