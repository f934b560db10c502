import * as z from "zod";
import { NotFoundError } from "../../errors.ts";
import { type HEALTH, healthSchema } from "../../model/object-status.ts";
import { watchReportSchema } from "../../model/wire.ts";
import { isClusterStale, staleReason } from "../../read/cluster-staleness.ts";
import { staleAfterOf } from "../../read/read-settings.ts";
import { objectKeyOf, refOfObjectKey } from "../../store/object-key.ts";
import type { StoredObject } from "../../store/records.ts";
import { type ApiRoutes, apiRoute } from "../api-routes.ts";
import type { ReadContext } from "./read-context.ts";
import { assertMayRead, mayRead, type ReadEnv } from "./read-env.ts";
import {
  clusterParam,
  cursorField,
  errorResponses,
  healthCountsSchema,
  jsonContent,
  pageQuery,
  storedObjectSchema,
  transitionSchema,
} from "./schemas.ts";

const clusterSummarySchema = z
  .object({
    name: z.string(),
    relayVersion: z.string().nullable(),
    lastSeen: z
      .string()
      .nullable()
      .describe("when its relay last posted with a current view (some watch live); null if never"),
    lastContact: z
      .string()
      .nullable()
      .describe("when its relay last posted anything, a heartbeat with every watch failing included"),
    stale: z.boolean().describe("not seen within config staleAfter: its objects may be out of date"),
    up: z.boolean().describe("the opposite of stale, as status_recorder_cluster_up"),
    reason: z.string().optional().describe("why a stale cluster is stale, in one sentence"),
    watch: watchReportSchema
      .optional()
      .describe("its relay's watches as of its last visit: how many are live, which kinds fail and why"),
    objects: z.object({ total: z.number().int(), byHealth: healthCountsSchema }),
  })
  .meta({ id: "ClusterSummary" });

const listClusters = apiRoute({
  method: "get",
  path: "/v1/clusters",
  summary: "Registered clusters with staleness and object counts by health",
  responses: {
    200: jsonContent(z.object({ clusters: z.array(clusterSummarySchema) }), "the clusters"),
    ...errorResponses,
  },
});

const listObjects = apiRoute({
  method: "get",
  path: "/v1/clusters/{cluster}/objects",
  summary: "Current status of a cluster's recorded objects, one page at a time",
  params: z.object({ cluster: clusterParam }),
  query: z.object({
    group: z.string().max(253).optional().describe('API group; "" for core. With kind, a key-range read'),
    kind: z.string().min(1).max(63).optional(),
    namespace: z.string().max(253).optional(),
    health: healthSchema.optional(),
    ...pageQuery,
  }),
  responses: {
    200: jsonContent(
      z.object({ items: z.array(storedObjectSchema), cursor: cursorField }),
      "one page of objects",
    ),
    ...errorResponses,
  },
});

const historyQuery = z
  .object({
    objectKey: z
      .string()
      .max(1024)
      .optional()
      .describe(
        "`{group}#{kind}#{namespace}#{name}` as objects list it (each field with `%`, `#` and control characters percent-escaped: a name `a#b` is `a%23b`), or use the four fields",
      ),
    group: z.string().max(253).optional().describe('default "" (core): Deployments need group=apps'),
    kind: z.string().min(1).max(63).optional(),
    namespace: z.string().max(253).optional().describe('default "" (cluster-scoped)'),
    name: z.string().min(1).max(253).optional(),
    ...pageQuery,
  })
  .superRefine((q, ctx) => {
    if (q.objectKey !== undefined) {
      if (refOfObjectKey(q.objectKey) === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["objectKey"],
          message: "expected {group}#{kind}#{namespace}#{name}",
        });
      return;
    }
    for (const key of ["kind", "name"] as const)
      if (q[key] === undefined)
        ctx.addIssue({ code: "custom", path: [key], message: "required unless objectKey is given" });
  });

const history = apiRoute({
  method: "get",
  path: "/v1/clusters/{cluster}/history",
  summary: "Recorded transitions of one object, newest first",
  params: z.object({ cluster: clusterParam }),
  query: historyQuery,
  responses: {
    200: jsonContent(
      z.object({ objectKey: z.string(), items: z.array(transitionSchema), cursor: cursorField }),
      "one page of transitions",
    ),
    404: jsonContent(
      z.object({ error: z.string(), message: z.string() }),
      "no such object was ever recorded",
    ),
    ...errorResponses,
  },
});

export function registerClusterRoutes(routes: ApiRoutes<ReadEnv>, ctx: ReadContext): void {
  routes.add(listClusters, async (c) => {
    const access = c.get("readAccess");
    const [settings] = await Promise.all([ctx.settings(), ctx.mirror.sync()]);
    const now = ctx.clock();
    const clusters = ctx.mirror
      .clusters()
      .filter((record) => mayRead(access, record.name))
      .map((record) => {
        const stale = isClusterStale(record, now, staleAfterOf(settings, record.name));
        return {
          name: record.name,
          relayVersion: record.relayVersion ?? null,
          lastSeen: record.lastSeen ?? null,
          lastContact: record.lastContact ?? record.lastSeen ?? null,
          stale,
          up: !stale,
          ...(stale ? { reason: staleReason(record) } : {}),
          ...(record.watch ? { watch: record.watch } : {}),
          objects: countByHealth(ctx.mirror.objects(record.name)),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    return { clusters };
  });

  routes.add(listObjects, async (c, { params: { cluster }, query }) => {
    assertMayRead(c.get("readAccess"), cluster);
    return ctx.store.listObjects(cluster, query);
  });

  routes.add(history, async (c, { params: { cluster }, query: { limit, cursor, ...query } }) => {
    assertMayRead(c.get("readAccess"), cluster);
    // Re-encoded from its fields, so a key escaped more than it needs still names the same object.
    const ref = (query.objectKey !== undefined ? refOfObjectKey(query.objectKey) : undefined) ?? {
      group: query.group ?? "",
      kind: query.kind ?? "",
      namespace: query.namespace ?? "",
      name: query.name ?? "",
    };
    const objectKey = objectKeyOf(ref);
    const { recorded, ...page } = await ctx.store.listHistory(
      cluster,
      objectKey,
      { limit, cursor },
      ctx.clock(),
    );
    // The store says whether it holds the object at all, so an empty history costs no second read.
    if (!recorded && cursor === undefined) throw notRecorded(cluster, objectKey);
    return { objectKey, ...page };
  });
}

/** An empty history is fine for a known object; for an unknown one, say why (often a missing group). */
function notRecorded(cluster: string, objectKey: string): NotFoundError {
  const ref = refOfObjectKey(objectKey);
  const hint =
    ref?.group === "" ? ' (the group defaults to "", the core group: Deployments need group=apps)' : "";
  return new NotFoundError(`cluster "${cluster}" has no recorded object ${objectKey}${hint}`);
}

function countByHealth(objects: readonly StoredObject[]) {
  const byHealth: Partial<Record<(typeof HEALTH)[number], number>> = {};
  for (const object of objects) byHealth[object.status.health] = (byHealth[object.status.health] ?? 0) + 1;
  return { total: objects.length, byHealth };
}
