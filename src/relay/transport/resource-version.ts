const NUMERIC = /^\d+$/;
const LEADING_ZEROS = /^0+/;

/** Whether `a` is strictly older than `b`, when both are numeric (etcd revisions); else unknown, so false. */
export function isOlder(a: string, b: string): boolean {
  if (!NUMERIC.test(a) || !NUMERIC.test(b)) return false;
  const x = a.replace(LEADING_ZEROS, "");
  const y = b.replace(LEADING_ZEROS, "");
  // Equal-length digit strings compare as numbers do; this avoids a BigInt on the hot path.
  return x.length !== y.length ? x.length < y.length : x < y;
}
