/** The deployment intent group a status query names, and the deployment id its objects are labelled with. */
export interface Dig {
  project: string;
  compositeApp: string;
  compositeAppVersion: string;
  name: string;
  /** The label value prefix: EMCO's AppContext id (`instance`), else the group's name. */
  deploymentId: string;
}

/** EMCO names a cluster `{provider}+{cluster}`; our clusters have no provider, so every one gets this. */
export const CLUSTER_PROVIDER = "status-recorder";

/** The fields every EMCO status reply starts with. */
export function digHeader(dig: Dig) {
  return {
    project: dig.project,
    compositeApp: dig.compositeApp,
    compositeAppVersion: dig.compositeAppVersion,
    name: dig.name,
  };
}

/** Sorted distinct values. */
export function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
