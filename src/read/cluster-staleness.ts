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
