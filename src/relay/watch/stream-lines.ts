import { withoutManagedFields } from "./managed-fields-cut.ts";

/** Receives each event of a watch stream (`{"type":…,"object":…}` lines): its type and object. */
export type WatchCallback = (type: string, object: unknown) => void;

interface WatchEventJson {
  type?: unknown;
  object?: unknown;
}

/**
 * Decodes one watch line and hands its event to `callback`. As client-node's Watch does, a line that
 * is not JSON is skipped; a line whose cut text would not parse is parsed whole instead, so the cut
 * can only ever save work, never lose an event.
 */
export function dispatchWatchLine(line: string, callback: WatchCallback): void {
  if (line.length === 0) return;
  let event: WatchEventJson;
  try {
    event = JSON.parse(withoutManagedFields(line)) as WatchEventJson;
  } catch {
    try {
      event = JSON.parse(line) as WatchEventJson;
    } catch {
      return;
    }
  }
  if (event === null || typeof event !== "object" || typeof event.type !== "string") return;
  callback(event.type, event.object);
}

/** Splits decoded text chunks into lines; a line may span any number of chunks. */
export class LineSplitter {
  #partial = "";

  push(text: string, onLine: (line: string) => void): void {
    let newline = text.indexOf("\n");
    if (newline < 0) {
      this.#partial += text;
      return;
    }
    onLine(this.#partial + text.slice(0, newline));
    let start = newline + 1;
    for (newline = text.indexOf("\n", start); newline >= 0; newline = text.indexOf("\n", start)) {
      onLine(text.slice(start, newline));
      start = newline + 1;
    }
    this.#partial = text.slice(start);
  }

  /** The text after the last newline, when the stream ends without one. */
  end(onLine: (line: string) => void): void {
    const rest = this.#partial;
    this.#partial = "";
    if (rest.trim()) onLine(rest);
  }
}
