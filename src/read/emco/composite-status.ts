import { CLUSTER_PROVIDER, type Dig, digHeader, distinct } from "./dig.ts";
import type { MemberResource } from "./membership.ts";
import {
  compositeDeployed,
  compositeReady,
  connectivityOf,
  type DeployedStatus,
  deployedStatusOf,
  type ReadyStatus,
  readyStatusOf,
} from "./readiness.ts";

export type OutputLevel = "summary" | "all" | "detail";
/** `status=ready` (type=cluster): how resources are; `status=deployed` (type=rsync): whether they are there. */
export type Measure = "ready" | "deployed";
/** EMCO 22.03 names (`status=`) or the names it deprecated (`type=`), which older clients read. */
export type Naming = "current" | "deprecated";

export interface StatusOptions {
  output: OutputLevel;
  measure: Measure;
  naming: Naming;
}

/** A member resource with its cluster's staleness decided. */
export interface RatedMember extends MemberResource {
  clusterStale: boolean;
}

// EMCO's field names, per naming: the table from its "Summary of changes due to Deprecated type parameter".
const FIELDS = {
  current: {
    overall: "deployedStatus",
    counts: { ready: "readyCounts", deployed: "deployedCounts" },
    connectivity: "connectivity",
    resource: { ready: "readyStatus", deployed: "deployedStatus" },
  },
  deprecated: {
    overall: "status",
    counts: { ready: "clusterStatus", deployed: "rsyncStatus" },
    connectivity: "readyStatus",
    resource: { ready: "clusterStatus", deployed: "rsyncStatus" },
  },
} as const;

interface Rated {
  member: RatedMember;
  ready: ReadyStatus;
  deployed: DeployedStatus;
}

/** The status reply for the members left after filtering (counts are relative to the filters, as in EMCO). */
export function compositeStatus(dig: Dig, members: readonly RatedMember[], options: StatusOptions) {
  const names = FIELDS[options.naming];
  const rated: Rated[] = members.map((member) => ({
    member,
    ready: readyStatusOf(member.health, member.clusterStale),
    deployed: deployedStatusOf(member.health),
  }));
  const statuses = rated.map((r) => (options.measure === "ready" ? r.ready : r.deployed));
  const reply: Record<string, unknown> = {
    ...digHeader(dig),
    states: { statusctxid: dig.deploymentId, actions: [] },
    [names.overall]: compositeDeployed(rated.map((r) => r.deployed)),
  };
  if (options.measure === "ready") reply.readyStatus = compositeReady(rated.map((r) => r.ready));
  reply[names.counts[options.measure]] = countOf(statuses);
  if (options.output !== "summary") reply.apps = appsOf(rated, options);
  return reply;
}

function appsOf(rated: readonly Rated[], options: StatusOptions) {
  const names = FIELDS[options.naming];
  return distinct(rated.map((r) => r.member.app)).map((app) => {
    const ofApp = rated.filter((r) => r.member.app === app);
    const clusters = distinct(ofApp.map((r) => r.member.cluster)).map((cluster) => {
      const here = ofApp.filter((r) => r.member.cluster === cluster).sort(byKindAndName);
      return {
        clusterProvider: CLUSTER_PROVIDER,
        cluster,
        [names.connectivity]: connectivityOf(here[0]?.member.clusterStale ?? true),
        resources: here.map((r) => ({
          GVK: r.member.gvk,
          name: r.member.name,
          [names.resource[options.measure]]: options.measure === "ready" ? r.ready : r.deployed,
          ...(options.output === "detail" ? { detail: detailOf(r.member) } : {}),
        })),
      };
    });
    return { name: app, clusters };
  });
}

/**
 * `output=detail`: EMCO shows the resource as the monitor copied it; we keep no objects, only what
 * was recorded about them, so the detail is the recorded status and where it came from.
 */
function detailOf(member: RatedMember) {
  const { record } = member;
  const base = { namespace: member.namespace, health: member.health };
  if (member.via === "bundle") {
    const reportedBy = { kind: record.kind, namespace: record.namespace, name: record.name };
    return { ...base, reportedBy, observedAt: record.observedAt };
  }
  const { status } = record;
  return {
    ...base,
    kstatus: status.kstatus,
    message: status.message,
    ...(status.phase === undefined ? {} : { phase: status.phase }),
    observedAt: record.observedAt,
    lastTransitionAt: record.lastTransitionAt,
  };
}

function countOf(statuses: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

const byKindAndName = (a: Rated, b: Rated) =>
  a.member.gvk.Kind.localeCompare(b.member.gvk.Kind) ||
  a.member.namespace.localeCompare(b.member.namespace) ||
  a.member.name.localeCompare(b.member.name);
