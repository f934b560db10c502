import * as z from "zod";

// Cluster names become table keys and metric labels, so the edge admits DNS-label-like names only.
export const CLUSTER_NAME_PATTERN = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;
export const CLUSTER_NAME_RULE = "use 1-63 lowercase letters, digits, '-' or '.'";

export const clusterNameSchema = z.string().regex(CLUSTER_NAME_PATTERN, CLUSTER_NAME_RULE);

export const clusterParamSchema = z.object({ cluster: clusterNameSchema });
