import * as z from "zod";
import { BadRequestError, ForbiddenError, NotFoundError } from "../../errors.ts";
import { isClusterStale } from "../../read/cluster-staleness.ts";
import { compositeStatus, type RatedMember } from "../../read/emco/composite-status.ts";
import { type Dig, distinct } from "../../read/emco/dig.ts";
import { appsList, clustersByApp, resourcesByApp } from "../../read/emco/emco-lists.ts";
import { type MemberResource, membersOf } from "../../read/emco/membership.ts";
import { type ReadSettings, staleAfterOf } from "../../read/read-settings.ts";
import { type ApiRoutes, apiRoute } from "../api-routes.ts";
import { type EmcoQuery, emcoPathSchema, emcoQuerySchema, normalizeEmcoQuery } from "./emco-query.ts";
import type { ReadContext } from "./read-context.ts";
import { mayRead, type ReadAccess, type ReadEnv } from "./read-env.ts";
import { errorResponses, errorSchema, jsonContent } from "./schemas.ts";

const replySchema = z
  .looseObject({
    project: z.string(),
    compositeApp: z.string(),
    compositeAppVersion: z.string(),
    name: z.string(),
  })
  .meta({
    id: "EmcoStatus",
    description:
      "EMCO's status reply: states, deployedStatus (status), readyStatus, readyCounts or deployedCounts " +
      "(clusterStatus or rsyncStatus with type=), apps[{name, clusters[{clusterProvider, cluster, connectivity " +
      "(readyStatus with type=), resources[{GVK, name, readyStatus|deployedStatus, detail?}]}]}]; or, for the " +
      "list queries, apps, clustersByApp or resourcesByApp",
  });

const route = apiRoute({
  method: "get",
  path: "/v2/projects/{project}/composite-apps/{compositeApp}/{version}/deployment-intent-groups/{dig}/status",
  summary: "EMCO deployment intent group status, from the recorded objects of its apps",
  params: emcoPathSchema,
  query: emcoQuerySchema,
  responses: {
    200: jsonContent(replySchema, "the status, or the list asked for"),
    404: jsonContent(errorSchema, "no recorded object belongs to the deployment intent group"),
    ...errorResponses,
  },
});

export function registerEmcoRoute(routes: ApiRoutes<ReadEnv>, ctx: ReadContext): void {
  routes.add(route, async (c, { params: path, query: raw }) => {
    const query = normalizeEmcoQuery(raw);
    const dig: Dig = {
      project: path.project,
      compositeApp: path.compositeApp,
      compositeAppVersion: path.version,
      name: path.dig,
      deploymentId: query.instance ?? path.dig,
    };
    const [settings] = await Promise.all([ctx.settings(), ctx.mirror.sync()]);
    const all = membersOf(ctx.mirror.objects(), settings.bundleLabelKey, dig.deploymentId);
    if (all.length === 0) throw notFound(dig, settings.bundleLabelKey);
    assertKnownApps(dig, all, query.apps);
    const ofApps = all.filter((m) => query.apps.length === 0 || query.apps.includes(m.app));
    const inScope = ofApps.filter((m) => query.clusters.length === 0 || query.clusters.includes(m.cluster));
    assertMayReadAll(
      c.get("readAccess"),
      query.list === "apps" ? all : query.list === "clusters" ? ofApps : inScope,
    );

    if (query.list === "apps") return appsList(dig, all);
    if (query.list === "clusters") return clustersByApp(dig, ofApps);
    if (query.list === "resources") return resourcesByApp(dig, inScope);
    // compositeStatus builds EMCO's reply field by field; the schema names only its identity.
    return compositeStatus(dig, rate(ctx, settings, filterResources(inScope, query)), query) as z.infer<
      typeof replySchema
    >;
  });
}

function filterResources(members: MemberResource[], query: EmcoQuery): MemberResource[] {
  return query.resources.length === 0 ? members : members.filter((m) => query.resources.includes(m.name));
}

function rate(ctx: ReadContext, settings: ReadSettings, members: MemberResource[]): RatedMember[] {
  const now = ctx.clock();
  const records = new Map(ctx.mirror.clusters().map((r) => [r.name, r]));
  return members.map((m) => ({
    ...m,
    clusterStale: isClusterStale(records.get(m.cluster), now, staleAfterOf(settings, m.cluster)),
  }));
}

function notFound(dig: Dig, labelKey: string): NotFoundError {
  const from = dig.deploymentId === dig.name ? "its name" : "instance";
  return new NotFoundError(
    `no recorded object of deployment intent group "${dig.name}" carries the label ${labelKey}=${dig.deploymentId}-<app> ` +
      `(the deployment id "${dig.deploymentId}" is ${from}; for EMCO-deployed apps pass instance=<AppContext id>)`,
  );
}

function assertKnownApps(dig: Dig, members: readonly MemberResource[], wanted: readonly string[]): void {
  const apps = distinct(members.map((m) => m.app));
  const unknown = wanted.filter((app) => !apps.includes(app));
  if (unknown.length === 0) return;
  const issues = unknown.map((app) => `app: "${app}" is not an app of deployment intent group "${dig.name}"`);
  throw new BadRequestError(`${issues.join("; ")} (its apps: ${apps.join(", ")})`, issues);
}

/**
 * A token limited to some clusters gets no composite answer that silently leaves out the others (it
 * could read Ready while a hidden cluster is not): it must narrow the query with `cluster=` itself.
 */
function assertMayReadAll(access: ReadAccess, members: readonly MemberResource[]): void {
  const denied = distinct(members.map((m) => m.cluster)).filter((cluster) => !mayRead(access, cluster));
  if (denied.length === 0) return;
  const who = access.tokenName === undefined ? "this token" : `token "${access.tokenName}"`;
  throw new ForbiddenError(
    `${who} may not read cluster(s) ${denied.join(", ")} of this deployment intent group; narrow the query with cluster=`,
  );
}
