import type { WireEvent } from "../../model/wire.ts";
import type { IdentityRef } from "./held-identity.ts";
import type { StatusFrames } from "./status-frames.ts";

// One held status as a line (HeldLines) of tab-separated fields: time and resourceVersion as base-36
// offsets from the first status's, and the status framed in two parts (its message and the rest,
// as each tends to change in one place: a back-off in the message, a restart count in the values)
// against a few whole ones (StatusFrames). JSON never holds a raw tab or newline, so neither can
// appear in a field.
const FIELD = "\t";
/** How a status's JSON opens: its message goes first, the rest after it. */
export const MESSAGE_OPEN = '{"message":';
const SAFE_VERSION = /^(?:0|[1-9]\d{0,14})$/;
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const DELETE_FLAG = 8; // added to the message's frame number (0-7), written in hex

/** What a line's time and version are offsets from: the first line's. */
export interface Base {
  time: number;
  version: number;
}
export const ZERO: Base = { time: 0, version: 0 };

/** One held status, spelled out. */
export interface Held {
  identity: IdentityRef;
  type: WireEvent["type"];
  messageJson: string;
  restJson: string;
  resourceVersion: string;
  generation: number | undefined;
  observedAt: string;
  bytes: number;
}

/** What a line holds of a status: its time and version still offsets, NaN where the line has none. */
export interface LineFields {
  type: WireEvent["type"];
  messageJson: string;
  restJson: string;
  time: number;
  version: number;
}

/** `observedAt` in ms if a line can hold it (an ISO time to the millisecond), else NaN. */
export function lineTime(observedAt: string): number {
  return ISO_MS.test(observedAt) ? Date.parse(observedAt) : Number.NaN;
}

/** `resourceVersion` as a number if a line can hold it (a safe integer), else NaN. */
export function lineVersion(resourceVersion: string): number {
  return SAFE_VERSION.test(resourceVersion) ? Number(resourceVersion) : Number.NaN;
}

/** `held` as a line, its time and version (NaN: left empty) as offsets from `base`. */
export function formatLine(
  frames: StatusFrames,
  held: Held,
  time: number,
  version: number,
  base: Base,
): string {
  const message = frames.frame(held.messageJson);
  const rest = frames.frame(held.restJson);
  const flag = held.type === "DELETE" ? DELETE_FLAG : 0;
  return [
    Number.isNaN(time) ? "" : (time - base.time).toString(36),
    Number.isNaN(version) ? "" : (version - base.version).toString(36),
    `${(message.frame + flag).toString(16)}${message.prefix.toString(36)}.${message.suffix.toString(36)}`,
    message.middle,
    `${rest.frame.toString(16)}${rest.prefix.toString(36)}.${rest.suffix.toString(36)}`,
    rest.middle,
  ].join(FIELD);
}

/** The status a line holds, its time and version added to `base`. */
export function parseLine(frames: StatusFrames, line: string, base: Base): LineFields {
  const [time = "", version = "", messageFrame = "", messageMiddle = "", restFrame = "", restMiddle = ""] =
    line.split(FIELD);
  const flags = Number.parseInt(messageFrame[0] ?? "0", 16);
  return {
    type: flags & DELETE_FLAG ? "DELETE" : "UPSERT",
    messageJson: unframe(frames, flags & (DELETE_FLAG - 1), messageFrame, messageMiddle),
    restJson: unframe(frames, Number.parseInt(restFrame[0] ?? "0", 16), restFrame, restMiddle),
    time: base.time + Number.parseInt(time, 36),
    version: base.version + Number.parseInt(version, 36),
  };
}

/** The first line's time and version (0 where it has none): what the other lines are offsets from. */
export function baseOf(lines: string): Base {
  const first = lines.slice(0, lines.indexOf(FIELD, lines.indexOf(FIELD) + 1));
  const [time = "", version = ""] = first.split(FIELD);
  return {
    time: time ? Number.parseInt(time, 36) : 0,
    version: version ? Number.parseInt(version, 36) : 0,
  };
}

/** A line's version offset, read without unframing the status. */
export function versionOffsetOf(line: string): number {
  return Number.parseInt(
    line.slice(line.indexOf(FIELD) + 1, line.indexOf(FIELD, line.indexOf(FIELD) + 1)),
    36,
  );
}

function unframe(frames: StatusFrames, frame: number, framing: string, middle: string): string {
  const dot = framing.indexOf(".");
  const prefix = Number.parseInt(framing.slice(1, dot), 36);
  const suffix = Number.parseInt(framing.slice(dot + 1), 36);
  return frames.unframe(frame, prefix, suffix, middle);
}
