import type { EventBatch, WireEvent } from "../../model/wire.ts";

/** An event serialised once: batch bodies are built by joining these, never by re-serialising. */
export interface EncodedEvent {
  readonly json: string;
  /** UTF-8 length of `json`: exact, so a body never passes the ingest's size limit by surprise. */
  readonly bytes: number;
}

/** Everything in a batch but its events. */
export type BatchEnvelope = Omit<EventBatch, "events">;

export interface EncodedBatch {
  readonly text: string;
  readonly bytes: number;
}

export function encodeEvent(event: WireEvent): EncodedEvent {
  const json = JSON.stringify(event);
  return { json, bytes: Buffer.byteLength(json) };
}

/** Size of the envelope with no events: what is left of a body limit for events is the limit minus this. */
export function envelopeBytes(envelope: BatchEnvelope): number {
  return Buffer.byteLength(emptyBatch(envelope));
}

/** The batch JSON, `events` last, its size known without measuring the whole string again. */
export function encodeBatch(envelope: BatchEnvelope, events: readonly EncodedEvent[]): EncodedBatch {
  const empty = emptyBatch(envelope);
  let bytes = Buffer.byteLength(empty) + Math.max(0, events.length - 1);
  const parts: string[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as EncodedEvent;
    parts[i] = event.json;
    bytes += event.bytes;
  }
  // `empty` ends in `"events":[]}`: splice the events in before the last two characters.
  return { text: `${empty.slice(0, -2)}${parts.join(",")}]}`, bytes };
}

function emptyBatch(envelope: BatchEnvelope): string {
  const { relay, mode, snapshot, configRevision, watch } = envelope;
  return JSON.stringify({ relay, mode, snapshot, configRevision, watch, events: [] });
}
