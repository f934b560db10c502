import { CLUSTER_PROVIDER, type Dig, digHeader, distinct } from "./dig.ts";
import type { MemberResource } from "./membership.ts";

// EMCO's list queries (`?apps`, `?clusters`, `?resources`): just the lists, shaped as its
// AppsListResult, ClustersByAppResult and ResourcesByAppResult.

export function appsList(dig: Dig, members: readonly MemberResource[]) {
  return { ...digHeader(dig), apps: distinct(members.map((m) => m.app)) };
}

export function clustersByApp(dig: Dig, members: readonly MemberResource[]) {
  return {
    ...digHeader(dig),
    clustersByApp: distinct(members.map((m) => m.app)).map((app) => ({
      app,
      clusters: distinct(members.filter((m) => m.app === app).map((m) => m.cluster)).map((cluster) => ({
        clusterProvider: CLUSTER_PROVIDER,
        cluster,
      })),
    })),
  };
}

export function resourcesByApp(dig: Dig, members: readonly MemberResource[]) {
  const entries = distinct(members.map((m) => `${m.app}\n${m.cluster}`)).map((pair) => {
    const [app = "", cluster = ""] = pair.split("\n");
    const resources = members
      .filter((m) => m.app === app && m.cluster === cluster)
      .map((m) => ({ name: m.name, GVK: m.gvk }))
      .sort((a, b) => a.GVK.Kind.localeCompare(b.GVK.Kind) || a.name.localeCompare(b.name));
    return { app, clusterProvider: CLUSTER_PROVIDER, cluster, resources };
  });
  return { ...digHeader(dig), resourcesByApp: entries };
}
