import { type Context, Hono } from "hono";
import * as z from "zod";
import { BadRequestError } from "../../errors.ts";
// From their own files, not metrics/index.ts: that also exports the relay's CEL evaluation, which a
// function bundle would then carry.
import type { Matcher } from "../../metrics/matcher.ts";
import { negotiateFormat } from "../../metrics/negotiate.ts";
import { parseSelectors } from "../../metrics/selectors.ts";
import type { SeriesFilter } from "../../metrics/series-filter.ts";
import type { ReadSettingsSource } from "../../read/read-settings.ts";
import type { StateMirror } from "../../read/state-mirror.ts";
import { type ApiRoute, ApiRoutes, apiRoute } from "../api-routes.ts";
import type { Clock } from "../clock.ts";
import { clusterNameSchema } from "../params.ts";
import { acceptsGzip, gzipText } from "./gzip-body.ts";
import { MirroredMetrics } from "./mirrored-metrics.ts";
import { assertMayRead, type ReadAccess, type ReadEnv } from "./read-env.ts";
import { errorResponses, errorSchema, jsonContent } from "./schemas.ts";

export interface MetricsRoutesDeps {
  /** The read app's mirror: the series follow its changes. */
  mirror: StateMirror;
  clock: Clock;
  /** Config `staleAfter` (a cluster silent this long is `status_recorder_cluster_up 0`) and `metrics`. */
  settings: ReadSettingsSource;
  /** Told after each render how many registered clusters are stale. */
  onStaleClusters?(count: number, now: Date): void;
}

const clusterQuery = clusterNameSchema.optional().describe("only this cluster's series");

const exposition = {
  description: "the exposition, text 0.0.4 or OpenMetrics 1.0.0 as `Accept` asks",
  content: {
    "text/plain; version=0.0.4": z.string(),
    "application/openmetrics-text; version=1.0.0": z.string(),
  },
};
const responses = {
  200: exposition,
  404: jsonContent(errorSchema, "no such cluster"),
  ...errorResponses,
};

const metricsRoute = apiRoute({
  method: "get",
  path: "/metrics",
  summary: "Every metric family of every cluster the token may read",
  query: z.object({ cluster: clusterQuery }),
  responses,
});

const federateRoute = apiRoute({
  method: "get",
  path: "/federate",
  summary: "Prometheus federation: the series any of the selectors matches",
  query: z.object({
    cluster: clusterQuery,
    "match[]": z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe('series selectors, e.g. `{__name__=~"argocd_.*"}`; repeat for a union'),
  }),
  responses,
});

/** The routes below, for the read app's /openapi.json (which describes them even when they are replaced). */
export const METRICS_ROUTES: readonly ApiRoute[] = [metricsRoute, federateRoute];

/**
 * `GET /metrics[?cluster=]` and `GET /federate?match[]=…[&cluster=]` (DESIGN.md "Read API"), narrowed to
 * the clusters the caller's token may read. Mount behind the read app's bearer auth.
 */
export function createMetricsRoutes(deps: MetricsRoutesDeps): Hono<ReadEnv> {
  const metrics = new MirroredMetrics({
    mirror: deps.mirror,
    clock: deps.clock,
    settings: deps.settings,
    ...(deps.onStaleClusters ? { onStaleClusters: deps.onStaleClusters } : {}),
    onConflict: (conflict) => console.warn(JSON.stringify({ level: "warn", msg: conflict })),
  });

  const app = new Hono<ReadEnv>();
  const routes = new ApiRoutes(app);

  routes.add(metricsRoute, async (c, { query: { cluster } }) => {
    const access = c.get("readAccess");
    if (cluster !== undefined) assertMayRead(access, cluster);
    return reply(c, metrics, cluster, withAllowlist(undefined, access));
  });

  routes.add(federateRoute, async (c, { query: { cluster } }) => {
    const access = c.get("readAccess");
    if (cluster !== undefined) assertMayRead(access, cluster);
    const selectors = c.req.queries("match[]") ?? [];
    // Prometheus answers an empty 200 here; a scrape config missing its `params` is likelier a mistake.
    if (selectors.length === 0) {
      throw new BadRequestError('give at least one series selector: /federate?match[]={__name__=~".+"}', [
        "match[]: required",
      ]);
    }
    return reply(c, metrics, cluster, withAllowlist(parseSelectors(selectors), access));
  });
  return app;
}

async function reply(
  c: Context<ReadEnv>,
  metrics: MirroredMetrics,
  cluster: string | undefined,
  filter: SeriesFilter | undefined,
): Promise<Response> {
  const { format, contentType } = negotiateFormat(c.req.header("accept"));
  const body = await metrics.render({ format, cluster, filter });
  const headers = { "content-type": contentType, vary: "Accept, Accept-Encoding" };
  const gzipped = acceptsGzip(c.req.header("accept-encoding")) ? await gzipText(body) : undefined;
  if (gzipped === undefined) return c.body(body, 200, headers);
  return c.body(gzipped, 200, { ...headers, "content-encoding": "gzip" });
}

/**
 * The selectors (or every series, when there are none) limited to the clusters the token may read:
 * each selector gets one more matcher, on the cluster label, which every family carries. The cache
 * applies it per cluster, not per series.
 */
function withAllowlist(selectors: SeriesFilter | undefined, access: ReadAccess): SeriesFilter | undefined {
  const allowed = access.clusters;
  if (allowed === undefined) return selectors;
  const matcher: Matcher = {
    name: "cluster",
    op: "=~",
    value: [...allowed].map((name) => name.replaceAll(".", "\\.")).join("|"),
    matches: (value) => allowed.has(value),
  };
  return (selectors ?? [[]]).map((selector) => [...selector, matcher]);
}
