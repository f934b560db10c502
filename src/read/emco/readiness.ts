import type { Health } from "../../model/object-status.ts";

/** EMCO's per-resource ready status (status=ready), from the health we recorded. */
export type ReadyStatus = "Ready" | "NotReady" | "NotPresent" | "Unknown";
/** EMCO's per-resource deployed (rsync) status, as far as observation can tell it. */
export type DeployedStatus = "Applied" | "Deleted";

/**
 * The rules, as a table: Healthy is Ready; a resource still converging, failing or paused is
 * NotReady; one deleted or never found is NotPresent; Unknown stays Unknown. Whatever the health,
 * every resource of a stale cluster is Unknown: a lost cluster is never shown Ready.
 */
const READY_BY_HEALTH: Readonly<Record<Health, ReadyStatus>> = {
  Healthy: "Ready",
  Progressing: "NotReady",
  Degraded: "NotReady",
  Suspended: "NotReady",
  Missing: "NotPresent",
  Unknown: "Unknown",
};

export function readyStatusOf(health: Health, clusterStale: boolean): ReadyStatus {
  return clusterStale ? "Unknown" : READY_BY_HEALTH[health];
}

/**
 * rsync reports what it last did to a resource; we only see the cluster, so a resource that exists
 * was Applied and one recorded gone was Deleted. A stale cluster changes nothing here, as in EMCO
 * (an unreachable cluster's resources still show Applied).
 */
export function deployedStatusOf(health: Health): DeployedStatus {
  return health === "Missing" ? "Deleted" : "Applied";
}

/** EMCO's cluster connectivity: Available while the relay is heard from, else Unknown. */
export function connectivityOf(clusterStale: boolean): "Available" | "Unknown" {
  return clusterStale ? "Unknown" : "Available";
}

/** Ready only when there is at least one resource and every one is Ready. */
export function compositeReady(statuses: readonly ReadyStatus[]): "Ready" | "NotReady" {
  return statuses.length > 0 && statuses.every((s) => s === "Ready") ? "Ready" : "NotReady";
}

/** The deployment as a whole: Terminated once every resource is gone, else Instantiated. */
export function compositeDeployed(statuses: readonly DeployedStatus[]): "Instantiated" | "Terminated" {
  return statuses.length > 0 && statuses.every((s) => s === "Deleted") ? "Terminated" : "Instantiated";
}
