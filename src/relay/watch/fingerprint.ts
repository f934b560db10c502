import type { ObjectStatus } from "../../model/object-status.ts";

/**
 * A 53-bit hash of what makes a transition (DESIGN.md "Status model"): health, kstatus, phase,
 * components and values. The message is left out on purpose: a message-only change is not a transition.
 * Map order does not matter. A collision would hide one transition; at 2^-53 per change it is accepted
 * for the sake of a tracker that holds a number, not a status, per object.
 */
export function statusFingerprint(status: ObjectStatus): number {
  // cyrb53's two lanes (bryc, public domain), fed part by part. Every watch event is fingerprinted, so
  // nothing is joined into a text and no keys are sorted: each map entry is hashed alone and the
  // entries summed, which is what makes their order not matter.
  let h1 = lane(0xdeadbeef, status.health, M1);
  let h2 = lane(0x41c6ce57, status.health, M2);
  h1 = lane(Math.imul(h1, M1), status.kstatus, M1);
  h2 = lane(Math.imul(h2, M2), status.kstatus, M2);
  if (status.phase !== undefined) {
    h1 = lane(Math.imul(h1 ^ 1, M1), status.phase, M1);
    h2 = lane(Math.imul(h2 ^ 1, M2), status.phase, M2);
  }
  const { components, values } = status;
  if (components) {
    let s1 = 0x9e3779b1;
    let s2 = 0x85ebca6b;
    for (const key of Object.keys(components)) {
      const value = components[key] ?? "";
      s1 = (s1 + fmix(lane(lane(0x243f6a88, key, M1) ^ 2, value, M1))) | 0;
      s2 = (s2 + fmix(lane(lane(0x13198a2e, key, M2) ^ 2, value, M2))) | 0;
    }
    h1 = Math.imul(h1 ^ s1 ^ 3, M1);
    h2 = Math.imul(h2 ^ s2 ^ 3, M2);
  }
  if (values) {
    let s1 = 0xc2b2ae35;
    let s2 = 0x27d4eb2f;
    for (const key of Object.keys(values)) {
      setBits(values[key] ?? 0);
      s1 = (s1 + entry(lane(0x03707344, key, M1), M1)) | 0;
      s2 = (s2 + entry(lane(0xa4093822, key, M2), M2)) | 0;
    }
    h1 = Math.imul(h1 ^ s1 ^ 4, M1);
    h2 = Math.imul(h2 ^ s2 ^ 4, M2);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const M1 = 2654435761;
const M2 = 1597334677;

/** One cyrb53 lane over a text's code units. */
function lane(h: number, text: string, multiplier: number): number {
  let out = h;
  for (let i = 0; i < text.length; i++) out = Math.imul(out ^ text.charCodeAt(i), multiplier);
  return out;
}

/** A value's entry: both halves of its bits mixed into the key's lane. */
function entry(keyLane: number, multiplier: number): number {
  return fmix(
    Math.imul(fmix(Math.imul(keyLane ^ (bits[0] as number), multiplier)) ^ (bits[1] as number), multiplier),
  );
}

/**
 * murmur3's finaliser: every input bit reaches every output bit. Entries are summed, and without it
 * two entries could trade a bit (3 and -1 differ in one) and leave the sum as it was.
 */
function fmix(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

// A value's 64 bits, all of them: 16 GiB and 32 GiB of memory differ only above the low 32.
const float = new Float64Array(1);
const bits = new Int32Array(float.buffer);

function setBits(value: number): void {
  // -0 and 0 (and every NaN) are one value, as they were when values were hashed as text.
  float[0] = value === 0 ? 0 : Number.isNaN(value) ? Number.NaN : value;
}
