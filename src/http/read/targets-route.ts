import type { Context } from "hono";
import * as z from "zod";
import { type ApiRoutes, apiRoute } from "../api-routes.ts";
import type { ReadContext } from "./read-context.ts";
import { mayRead, type ReadEnv } from "./read-env.ts";
import { errorResponses, jsonContent } from "./schemas.ts";

// Prometheus http_sd_configs: a JSON list of target groups. `__metrics_path__`, `__scheme__` and
// `__param_<name>` are the reserved labels a scrape takes its path, scheme and URL parameters from,
// so one group per cluster makes a remote Prometheus scrape `/metrics?cluster=<name>` per cluster and
// spread clusters over its shards (hashmod relabelling) by itself.
const targetGroupSchema = z
  .object({
    targets: z.array(z.string()).describe("this API's host[:port], as the request reached it"),
    labels: z.object({
      __metrics_path__: z.string(),
      __scheme__: z.enum(["http", "https"]),
      __param_cluster: z.string(),
      cluster: z.string(),
    }),
  })
  .meta({ id: "TargetGroup" });

const targets = apiRoute({
  method: "get",
  path: "/v1/targets",
  summary: "Prometheus HTTP service discovery: one target group per cluster",
  responses: {
    200: jsonContent(z.array(targetGroupSchema), "http_sd_configs target groups"),
    ...errorResponses,
  },
});

export function registerTargetsRoute(routes: ApiRoutes<ReadEnv>, ctx: ReadContext): void {
  routes.add(targets, async (c) => {
    const access = c.get("readAccess");
    const { host, scheme, metricsPath } = whereReached(c);
    const clusters = (await ctx.store.listClusters())
      .map((record) => record.name)
      .filter((name) => mayRead(access, name))
      .sort();
    return clusters.map((cluster) => ({
      targets: [host],
      labels: { __metrics_path__: metricsPath, __scheme__: scheme, __param_cluster: cluster, cluster },
    }));
  });
}

/**
 * The host, scheme and path prefix the caller used, so the targets point back at this API even
 * behind a proxy or a path prefix (an API gateway stage).
 */
function whereReached(c: Context): { host: string; scheme: "http" | "https"; metricsPath: string } {
  const url = new URL(c.req.url);
  const first = (header: string) => c.req.header(header)?.split(",")[0]?.trim() || undefined;
  const proto = first("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  return {
    host: first("x-forwarded-host") ?? url.host,
    scheme: proto === "http" ? "http" : "https",
    metricsPath: url.pathname.replace(/\/v1\/targets\/?$/, "/metrics"),
  };
}
