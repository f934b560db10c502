// One object's held statuses are mostly alike: a crash-looping pod alternates between two or three
// statuses whose JSON differs in a counter, a KeptnMetric in its value. So each status JSON is kept
// as the part that differs from the most alike of a few whole ones (keyframes): a shared prefix and
// suffix length, and the middle. 32 held statuses then cost about what a few whole ones do.

const MAX_KEYFRAMES = 8;
/** Prefix and suffix lengths are packed into one number (see HeldHistory): 20 bits each. */
export const MAX_FRAMED_LENGTH = 2 ** 20 - 1;
// V8 copies slices shorter than this; longer ones would keep the whole status they came from alive.
const SLICE_COPIED_BELOW = 13;

/** A status JSON as a keyframe, a prefix and suffix length of it, and what lies between. */
export interface FramedStatus {
  frame: number;
  prefix: number;
  suffix: number;
  middle: string;
}

export class StatusFrames {
  #keyframes: readonly string[] = [];

  /** The status JSON, framed; at most MAX_KEYFRAMES whole ones are kept, first come first kept. */
  frame(json: string): FramedStatus {
    let best = -1;
    let bestPrefix = 0;
    let bestSuffix = 0;
    for (let k = 0; k < this.#keyframes.length; k++) {
      const keyframe = this.#keyframes[k] as string;
      const prefix = commonPrefix(keyframe, json);
      const suffix = commonSuffix(keyframe, json, prefix);
      if (best < 0 || prefix + suffix > bestPrefix + bestSuffix) {
        best = k;
        bestPrefix = prefix;
        bestSuffix = suffix;
      }
    }
    const shared = bestPrefix + bestSuffix;
    const alike = best >= 0 && shared * 2 >= json.length;
    if (!alike && this.#keyframes.length < MAX_KEYFRAMES && json.length <= MAX_FRAMED_LENGTH) {
      this.#keyframes = [...this.#keyframes, json]; // exactly as long as it is: thousands of these are held
      return { frame: this.#keyframes.length - 1, prefix: json.length, suffix: 0, middle: "" };
    }
    if (best < 0 || json.length > MAX_FRAMED_LENGTH) return { frame: 0, prefix: 0, suffix: 0, middle: json };
    return {
      frame: best,
      prefix: bestPrefix,
      suffix: bestSuffix,
      middle: detached(json, bestPrefix, bestSuffix),
    };
  }

  /** The status JSON `frame` gave these for. */
  unframe(frame: number, prefix: number, suffix: number, middle: string): string {
    if (prefix === 0 && suffix === 0) return middle;
    const keyframe = this.#keyframes[frame] as string;
    const head = prefix === keyframe.length ? keyframe : keyframe.slice(0, prefix);
    return suffix === 0 ? head + middle : head + middle + keyframe.slice(keyframe.length - suffix);
  }
}

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The common suffix, not overlapping the common prefix in either string. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** `json` between prefix and suffix, as a string of its own rather than a view into `json`. */
function detached(json: string, prefix: number, suffix: number): string {
  const middle = json.slice(prefix, json.length - suffix);
  if (middle.length < SLICE_COPIED_BELOW) return middle;
  // Concatenating flattens into a new string; the slice of it keeps only that copy alive.
  return ` ${middle}`.slice(1);
}
