import type { KubeObject } from "../../interpret/kube-object.ts";
import { arr, isRecord } from "../../interpret/kube-object.ts";
import { deleteManagedFields } from "../watch/managed-fields-cut.ts";

export type ReplayEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface ReplayEvent {
  type: ReplayEventType;
  object: KubeObject;
}

/** What one line of a recorded watch stream holds: events, nothing (blank, bookmark), or why it is unusable. */
export type ParsedLine = { events: ReplayEvent[] } | { error: string };

const TYPES: ReadonlySet<string> = new Set(["ADDED", "MODIFIED", "DELETED"]);

/**
 * One line as `kubectl get -w --output-watch-events -o json` prints a watch event (compacted to a
 * line): `{"type": …, "object": {…}}`. A bare object counts as ADDED, and a `…List` of items (plain
 * `kubectl get -o json`) as one ADDED per item. BOOKMARK events carry no object and are passed over.
 */
export function parseWatchLine(line: string): ParsedLine {
  if (line.trim() === "") return { events: [] };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isRecord(value)) return { error: "expected a JSON object" };
  if (typeof value.type === "string" && "object" in value) {
    if (value.type === "BOOKMARK") return { events: [] };
    if (!TYPES.has(value.type)) return { error: `unknown event type ${JSON.stringify(value.type)}` };
    return eventOf(value.type as ReplayEventType, value.object);
  }
  if (typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items)) {
    const events: ReplayEvent[] = [];
    for (const [index, item] of arr(value.items).entries()) {
      const parsed = eventOf("ADDED", item);
      if ("error" in parsed) return { error: `items[${index}]: ${parsed.error}` };
      events.push(...parsed.events);
    }
    return { events };
  }
  return eventOf("ADDED", value);
}

function eventOf(type: ReplayEventType, object: unknown): ParsedLine {
  if (!isRecord(object)) return { error: "the event has no object" };
  const meta = isRecord(object.metadata) ? object.metadata : {};
  const missing = [
    typeof object.apiVersion === "string" && object.apiVersion ? undefined : "apiVersion",
    typeof object.kind === "string" && object.kind ? undefined : "kind",
    typeof meta.name === "string" && meta.name ? undefined : "metadata.name",
  ].filter((field) => field !== undefined);
  if (missing.length > 0) return { error: `the object has no ${missing.join(", ")}` };
  deleteManagedFields(object); // as a live watch does
  return { events: [{ type, object: object as KubeObject }] };
}
