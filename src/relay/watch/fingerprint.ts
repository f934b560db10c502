import type { ObjectStatus } from "../../model/object-status.ts";

/**
 * A 53-bit hash of what makes a transition (DESIGN.md "Status model"): health, kstatus, phase,
 * components and values. The message is left out on purpose: a message-only change is not a transition.
 * Map order does not matter. A collision would hide one transition; at 2^-53 per change it is accepted
 * for the sake of a tracker that holds a number, not a status, per object.
 */
export function statusFingerprint(status: ObjectStatus): number {
  let text = `${status.health}\u0000${status.kstatus}\u0000${status.phase ?? ""}`;
  text += `\u0001${sortedEntries(status.components)}\u0001${sortedEntries(status.values)}`;
  return cyrb53(text);
}

function sortedEntries(map: Record<string, string | number> | undefined): string {
  if (!map) return "";
  const keys = Object.keys(map).sort();
  let out = "";
  for (const key of keys) out += `${key}\u0002${String(map[key])}\u0003`;
  return out;
}

// cyrb53 (bryc, public domain): two 32-bit multiply-xorshift lanes folded into 53 bits.
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
