// Ordering of events for one object (DESIGN.md "Wire protocol"). The relay's observation time comes
// first: it is the one thing every event has, and the ingest refuses one more than the signature's
// clock window ahead of its own clock, so no event can claim a time nothing later will reach.
// resourceVersions are opaque to clients in Kubernetes' contract; they only break a tie between two
// readings at the same instant, and only when both are numeric (etcd revisions, compared as numbers),
// so a resourceVersion of 64 nines orders nothing beyond its own instant.

const NUMERIC = /^\d+$/;

export interface Ordered {
  resourceVersion: string;
  observedAt: string;
}

/** Negative when `a` is older than `b`, zero when neither is newer (a caller keeps batch order then). */
export function compareOrder(a: Ordered, b: Ordered): number {
  const byTime = Math.sign(Date.parse(a.observedAt) - Date.parse(b.observedAt));
  if (byTime !== 0) return byTime;
  if (NUMERIC.test(a.resourceVersion) && NUMERIC.test(b.resourceVersion)) {
    const x = BigInt(a.resourceVersion);
    const y = BigInt(b.resourceVersion);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Whether `incoming` should replace `stored`. The same resourceVersion observed later is a
 * re-interpretation (new config rules, a time-based kstatus rule), and the later reading wins; a
 * retried duplicate carries the same observedAt and changes nothing. A record a snapshot tombstoned
 * carries the listing's start as its observedAt, so an event the relay observed before that listing
 * began cannot bring the object back (the order above already says so; the fence is kept explicit).
 */
export function isNewer(incoming: Ordered, stored: Ordered & { tombstonedBy?: string }): boolean {
  if (stored.tombstonedBy !== undefined && Date.parse(incoming.observedAt) < Date.parse(stored.observedAt)) {
    return false;
  }
  return compareOrder(incoming, stored) > 0;
}

/** RFC 3339 in UTC with milliseconds: fixed width, so these strings sort as the times do. */
export function toUtcIso(time: string | Date): string {
  return new Date(time).toISOString();
}

/** A sort-key segment that orders numeric resourceVersions numerically. */
export function sortableVersion(resourceVersion: string): string {
  return NUMERIC.test(resourceVersion) ? resourceVersion.padStart(20, "0") : resourceVersion;
}
