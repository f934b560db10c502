import { z } from "zod";

// Cluster names become table keys and metric labels, so the edge admits DNS-label-like names only.
export const clusterNameSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/, "use 1-63 lowercase letters, digits, '-' or '.'");

export const clusterParamSchema = z.object({ cluster: clusterNameSchema });
