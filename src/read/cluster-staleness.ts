import type { ClusterRecord } from "../store/records.ts";

/**
 * Whether a cluster's relay was last heard from longer than `staleAfterMs` ago (or never): its
 * recorded objects may no longer be true, so readers show them as Unknown, never as Ready.
 * The same rule as `status_recorder_cluster_up`.
 */
export function isClusterStale(
  record: Pick<ClusterRecord, "lastSeen"> | undefined,
  now: Date,
  staleAfterMs: number,
): boolean {
  const lastSeen = record?.lastSeen === undefined ? Number.NaN : Date.parse(record.lastSeen);
  return !Number.isFinite(lastSeen) || now.getTime() - lastSeen > staleAfterMs;
}

/** Why a stale cluster is stale, for people: never heard from, silent, or its relay cannot watch. */
export function staleReason(record: Pick<ClusterRecord, "lastSeen" | "lastContact" | "watch">): string {
  const { lastSeen, lastContact, watch } = record;
  if (lastContact === undefined && lastSeen === undefined) return "its relay has never posted";
  const contactedSinceSeen = lastContact !== undefined && (lastSeen === undefined || lastContact > lastSeen);
  if (contactedSinceSeen && watch && watch.failing.length > 0) {
    const shown = watch.failing.slice(0, 3).map((f) => `${f.kind} (${f.state}: ${f.error})`);
    const more = watch.failing.length > 3 ? ` and ${watch.failing.length - 3} more` : "";
    return `its relay is reachable but no watch is live: ${shown.join(", ")}${more}`;
  }
  return `its relay has not posted since ${lastContact ?? lastSeen}`;
}
