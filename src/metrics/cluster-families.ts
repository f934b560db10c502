import type { ClusterRecord } from "../store/records.ts";
import type { Label } from "./exposition.ts";
import { type Family, withIdentity } from "./family.ts";

/** A registered cluster as of one render: its record and whether it was seen within the staleness window. */
export interface ClusterState {
  record: ClusterRecord;
  /** Unix milliseconds of the last request from its relay; undefined if it never sent one (or it cannot be read). */
  lastSeenMs: number | undefined;
  up: boolean;
}

/** A cluster is up when its relay was seen no longer than `staleAfterMs` before `nowMs`. */
export function clusterState(record: ClusterRecord, nowMs: number, staleAfterMs: number): ClusterState {
  const parsed = record.lastSeen === undefined ? Number.NaN : Date.parse(record.lastSeen);
  const lastSeenMs = Number.isFinite(parsed) ? parsed : undefined;
  return { record, lastSeenMs, up: lastSeenMs !== undefined && nowMs - lastSeenMs <= staleAfterMs };
}

function clusterIdentity(c: ClusterState): readonly Label[] {
  return [["cluster", c.record.name]];
}

/** One series per registered cluster, whether or not it has any objects. */
export const clusterFamilies: readonly Family<ClusterState>[] = withIdentity(clusterIdentity, [
  {
    name: "status_recorder_cluster_last_seen_timestamp_seconds",
    help: "When the cluster's relay was last heard from, in unix seconds.",
    type: "gauge",
    samples: (c) => (c.lastSeenMs === undefined ? [] : [{ labels: [], value: c.lastSeenMs / 1000 }]),
  },
  {
    name: "status_recorder_cluster_up",
    help: "1 when the cluster's relay was heard from within the staleness window, else 0.",
    type: "gauge",
    samples: (c) => [{ labels: [], value: c.up ? 1 : 0 }],
  },
]);
