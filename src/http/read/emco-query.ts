import * as z from "zod";
import type { Measure, Naming, OutputLevel } from "../../read/emco/composite-status.ts";

// EMCO's status query parameters (docs/design/Resource_Lifecycle_and_Status.md, orchestrator
// pkg/status). Go reads the first of repeated single-valued parameters, so we do too: EMCO's own
// examples repeat `output`.

/** EMCO resource names: letters, digits, `-`, `_` and `.`. */
const emcoName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/, "use letters, digits, '-', '_' or '.'");

const firstOf = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.array(schema).min(1)]).transform((v) => (Array.isArray(v) ? v[0] : v) as z.output<T>);

const repeatable = (description: string) =>
  z
    .union([z.string().min(1).max(253), z.array(z.string().min(1).max(253))])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional()
    .describe(`${description}; repeat to name several`);

/** `?apps` has no value: its presence is the question. */
const flag = (description: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe(description);

export const emcoPathSchema = z.object({
  project: emcoName,
  compositeApp: emcoName,
  version: emcoName,
  dig: emcoName,
});

export const emcoQuerySchema = z.object({
  output: firstOf(z.enum(["summary", "all", "detail"]))
    .optional()
    .describe(
      "summary: counts only; all (default): resources by app and cluster; detail: and each one's recorded status",
    ),
  status: firstOf(z.enum(["ready", "deployed"]))
    .optional()
    .describe("ready (default): how resources are; deployed: whether they are there. EMCO 22.03 field names"),
  type: firstOf(z.enum(["rsync", "cluster"]))
    .optional()
    .describe(
      "EMCO's deprecated form: cluster = status=ready, rsync = status=deployed, with the old field names",
    ),
  instance: firstOf(emcoName)
    .optional()
    .describe(
      "EMCO's AppContext id (its states.statusctxid): objects are labelled {instance}-{app}; default the group's name",
    ),
  app: repeatable("only these apps"),
  cluster: repeatable("only these clusters (`name` or EMCO's `provider+name`)"),
  resource: repeatable("only resources with these names"),
  apps: flag("list the apps instead (takes precedence over clusters and resources)"),
  clusters: flag("list the clusters of each app instead (takes precedence over resources)"),
  resources: flag("list the resources of each app and cluster instead"),
});

export interface EmcoQuery {
  output: OutputLevel;
  measure: Measure;
  naming: Naming;
  instance?: string;
  apps: string[];
  clusters: string[];
  resources: string[];
  list?: "apps" | "clusters" | "resources";
}

/**
 * EMCO defaults to its deprecated `type=rsync`, announcing `status=ready` as the coming default; we
 * observe clusters rather than drive rsync, so readiness is our default, with the current names.
 */
export function normalizeEmcoQuery(q: z.output<typeof emcoQuerySchema>): EmcoQuery {
  const measure: Measure = q.status ?? (q.type === "rsync" ? "deployed" : "ready");
  const list =
    q.apps !== undefined
      ? "apps"
      : q.clusters !== undefined
        ? "clusters"
        : q.resources !== undefined
          ? "resources"
          : undefined;
  return {
    output: q.output ?? "all",
    measure,
    naming: q.status === undefined && q.type !== undefined ? "deprecated" : "current",
    ...(q.instance === undefined ? {} : { instance: q.instance }),
    apps: q.app ?? [],
    clusters: (q.cluster ?? []).map((c) => c.slice(c.indexOf("+") + 1)),
    resources: q.resource ?? [],
    ...(list === undefined ? {} : { list }),
  };
}
