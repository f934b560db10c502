import type { ObjectStatus } from "../model/object-status.ts";

// DynamoDB refuses an item over 400 KB, and a history item holds two statuses (from and to), so a
// status the schema accepts (its components and values are unbounded in number) could make a batch
// fail for ever. Every status is fitted to a budget before it is stored, so the current item and
// its history item always fit; what had to be cut is named in the message.

/** Two statuses plus keys and the other attributes stay well under DynamoDB's 409,600 bytes. */
export const STATUS_BUDGET_BYTES = 128 * 1024;
/** The schema's bound on a message: a fitted message stays within it, so it reads back valid. */
const MESSAGE_MAX = 4096;
/** DynamoDB stores a number in at most 21 bytes; a map entry costs its name, its value and 1 byte. */
const NUMBER_BYTES = 21;
const MAP_BYTES = 3;

const bytes = (text: string) => Buffer.byteLength(text, "utf8");
const entryBytes = (name: string, valueBytes: number) => bytes(name) + valueBytes + 1;

/** An upper bound of the status attribute's size as DynamoDB counts item sizes. */
export function statusBytes(status: ObjectStatus): number {
  let size = MAP_BYTES;
  size += entryBytes("health", bytes(status.health)) + entryBytes("kstatus", bytes(status.kstatus));
  size += entryBytes("message", bytes(status.message));
  if (status.phase !== undefined) size += entryBytes("phase", bytes(status.phase));
  if (status.components) size += entryBytes("components", componentsBytes(status.components));
  if (status.values) size += entryBytes("values", valuesBytes(status.values));
  return size;
}

/**
 * The status itself when it fits `budget`; otherwise the same status keeping its values and then
 * its components in key order while they fit, with the message saying how many were not recorded.
 * Deterministic, so a retried event is fitted the same way and compares equal to what was stored.
 */
export function fitStatus(status: ObjectStatus, budget = STATUS_BUDGET_BYTES): ObjectStatus {
  if (surelyFits(status, budget) || statusBytes(status) <= budget) return status;
  const fitted: ObjectStatus = { health: status.health, kstatus: status.kstatus, message: "" };
  if (status.phase !== undefined) fitted.phase = status.phase;
  // Room for the longest message first, so adding the note afterwards cannot break the budget.
  let room = budget - statusBytes({ ...fitted, message: "\u{FFFF}".repeat(MESSAGE_MAX) }) - 2 * MAP_BYTES;
  const take = <T>(record: Record<string, T> | undefined, size: (v: T) => number) => {
    const kept: Record<string, T> = {};
    let dropped = 0;
    for (const key of Object.keys(record ?? {}).sort()) {
      const value = (record as Record<string, T>)[key] as T;
      const cost = entryBytes(key, size(value));
      if (cost <= room && dropped === 0) {
        kept[key] = value;
        room -= cost;
      } else dropped++;
    }
    return { kept, dropped };
  };
  const values = take(status.values, () => NUMBER_BYTES);
  const components = take(status.components, bytes);
  if (Object.keys(values.kept).length > 0) fitted.values = values.kept;
  if (Object.keys(components.kept).length > 0) fitted.components = components.kept;
  const cut = [
    components.dropped > 0 ? `${components.dropped} components` : "",
    values.dropped > 0 ? `${values.dropped} values` : "",
  ].filter(Boolean);
  const note = ` (${cut.join(" and ")} not recorded: status over the ${budget / 1024} KB budget)`;
  fitted.message = shorten(status.message, MESSAGE_MAX - note.length) + note;
  return fitted;
}

/**
 * Whether the schema's bounds on each entry (keys of 640 and texts of 4096 UTF-16 units, 3 bytes
 * each at most) already keep the status within budget: most statuses, counted without a byte count.
 */
function surelyFits(status: ObjectStatus, budget: number): boolean {
  const entries = (record: object | undefined) => (record === undefined ? 0 : Object.keys(record).length);
  const worst = 16 * 1024 + entries(status.components) * 5 * 1024 + entries(status.values) * 1024;
  return worst <= budget;
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // Never end on half a surrogate pair: it would not survive the trip through UTF-8.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function componentsBytes(components: Record<string, string>): number {
  let size = MAP_BYTES;
  for (const [key, value] of Object.entries(components)) size += entryBytes(key, bytes(value));
  return size;
}

function valuesBytes(values: Record<string, number>): number {
  let size = MAP_BYTES;
  for (const key of Object.keys(values)) size += entryBytes(key, NUMBER_BYTES);
  return size;
}
