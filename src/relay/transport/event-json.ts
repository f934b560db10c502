import type { EventGap, WireEvent } from "../../model/wire.ts";

/** An event's parts as its history holds them: identity and status already JSON. */
export interface EventParts {
  type: WireEvent["type"];
  identityJson: string;
  statusJson: string;
  resourceVersion: string;
  generation: number | undefined;
  observedAt: string;
  gap?: EventGap | undefined;
}

const OPEN = '{"type":"UPSERT","object":';
const STATUS = ',"status":';
const VERSION = ',"resourceVersion":';
const GENERATION = ',"generation":';
const OBSERVED = ',"observedAt":';
const GAP = ',"gap":';

/** The event's JSON, as `JSON.stringify` of the WireEvent would read it back (its keys in wire order). */
export function eventJson(parts: EventParts): string {
  let json = `{"type":"${parts.type}","object":${parts.identityJson}${STATUS}${parts.statusJson}`;
  json += VERSION + JSON.stringify(parts.resourceVersion);
  if (parts.generation !== undefined) json += GENERATION + String(parts.generation);
  json += OBSERVED + JSON.stringify(parts.observedAt);
  if (parts.gap) json += GAP + JSON.stringify(parts.gap);
  return `${json}}`;
}

// Type names are both 6 ASCII characters; every other fixed part is ASCII too.
const FIXED_BYTES = OPEN.length + STATUS.length + VERSION.length + OBSERVED.length + 1;

/** UTF-8 length of `eventJson` of these parts without a gap, from the lengths of its variable parts. */
export function eventBytes(
  identityBytes: number,
  statusBytes: number,
  resourceVersion: string,
  generation: number | undefined,
  observedAt: string,
): number {
  let bytes = FIXED_BYTES + identityBytes + statusBytes;
  bytes += Buffer.byteLength(JSON.stringify(resourceVersion)) + Buffer.byteLength(JSON.stringify(observedAt));
  if (generation !== undefined) bytes += GENERATION.length + String(generation).length;
  return bytes;
}

/** UTF-8 length the gap adds to an event's JSON. */
export function gapBytes(gap: EventGap): number {
  return GAP.length + Buffer.byteLength(JSON.stringify(gap));
}
