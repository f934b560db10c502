// Ordering of events for one object (DESIGN.md "Wire protocol"): resourceVersions are compared as
// numbers when both are numeric (etcd revisions), otherwise (or on a tie) the relay's observedAt decides.

const NUMERIC = /^\d+$/;

export interface Ordered {
  resourceVersion: string;
  observedAt: string;
}

/** Negative when `a` is older than `b`, zero when neither is newer. */
export function compareOrder(a: Ordered, b: Ordered): number {
  if (NUMERIC.test(a.resourceVersion) && NUMERIC.test(b.resourceVersion)) {
    const x = BigInt(a.resourceVersion);
    const y = BigInt(b.resourceVersion);
    if (x !== y) return x < y ? -1 : 1;
    // Same object state seen again later: a re-interpretation (new config rules, a time-based kstatus
    // rule). The later reading wins; a retried duplicate carries the same observedAt and changes nothing.
  }
  return Math.sign(Date.parse(a.observedAt) - Date.parse(b.observedAt));
}

/**
 * Whether `incoming` should replace `stored`. A record a snapshot tombstoned also fences by time:
 * an event the relay observed before that listing began cannot bring the object back.
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
