import { Hono } from "hono";
import { fixedReadSettings, type ReadConfig, type ReadSettingsSource } from "../read/read-settings.ts";
import { createStateMirror, type StateMirror } from "../read/state-mirror.ts";
import { ApiRoutes } from "./api-routes.ts";
import { type Clock, systemClock } from "./clock.ts";
import { handleError } from "./error-handler.ts";
import { openApiDocument } from "./openapi-document.ts";
import { bearerAuth, type ReadAuthOption } from "./read/bearer-auth.ts";
import { registerClusterRoutes } from "./read/cluster-routes.ts";
import { registerEmcoRoute } from "./read/emco-route.ts";
import { registerKeptnMetricRoute } from "./read/keptn-metric-route.ts";
import { createMetricsRoutes, METRICS_ROUTES } from "./read/metrics-routes.ts";
import type { ReadContext, ReadStore } from "./read/read-context.ts";
import type { ReadEnv } from "./read/read-env.ts";
import { registerTargetsRoute } from "./read/targets-route.ts";
import { createTokenVerifier } from "./read/token-verifier.ts";

export type { ReadAuthOption } from "./read/bearer-auth.ts";
export type { ReadAccess, ReadEnv } from "./read/read-env.ts";

export interface ReadAppDeps {
  store: ReadStore;
  clock?: Clock;
  /**
   * Where `staleAfter` (the fleet's and clusters' overrides), `bundles.labelKeys[0]` and the custom
   * `metrics` come from: on AWS and in dev, the table's config records (storedReadSettings).
   */
  settings?: ReadSettingsSource;
  /** Without `settings`: a fixed fleet config (defaults: 5m, emco/deployment-id, no custom families). */
  config?: ReadConfig;
  /**
   * Told after each /metrics or /federate render how many registered clusters are stale (by the
   * default metrics routes: a `metrics` replacement reports nothing).
   */
  onStaleClusters?(count: number, now: Date): void;
  /** Absent: read tokens in the table. See ReadAuthOption. */
  auth?: ReadAuthOption;
  /** How long a verified token is trusted before the table is asked again (the revocation delay). */
  tokenCacheMs?: number;
  /** Share one mirror with the metrics routes; one is made from `store` when absent. */
  mirror?: StateMirror;
  /**
   * Replaces the routes of /metrics and /federate (made from the mirror and config when absent),
   * mounted behind the same bearer auth. Their handlers find the caller's cluster allowlist in
   * `c.get("readAccess")` and must narrow to it.
   */
  metrics?: Hono<ReadEnv>;
}

/**
 * The read API (DESIGN.md "Read API"): Prometheus metrics and federation, JSON status, Prometheus
 * discovery, EMCO status, KeptnMetric values.
 */
export function createReadApp(deps: ReadAppDeps): Hono<ReadEnv> {
  const clock = deps.clock ?? systemClock;
  const ctx: ReadContext = {
    store: deps.store,
    clock,
    mirror: deps.mirror ?? createStateMirror({ store: deps.store, clock }),
    settings: deps.settings ?? fixedReadSettings(deps.config),
  };
  const app = new Hono<ReadEnv>();
  app.onError(handleError);
  app.notFound((c) =>
    c.json({ error: "not_found", message: `no route for ${c.req.method} ${c.req.path}` }, 404),
  );

  const routes = new ApiRoutes(app);
  // The description of the API is public; everything registered after the middleware needs a token.
  // It is built on its first request, not at cold start.
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get("/openapi.json", (c) => {
    document ??= openApiDocument([...routes.routes, ...METRICS_ROUTES], OPENAPI);
    return c.json(document);
  });
  const verify = createTokenVerifier({ tokens: deps.store, clock, ttlMs: deps.tokenCacheMs });
  app.use("*", bearerAuth(deps.auth, verify));

  registerClusterRoutes(routes, ctx);
  registerTargetsRoute(routes, ctx);
  registerKeptnMetricRoute(routes, ctx);
  registerEmcoRoute(routes, ctx);
  const metrics =
    deps.metrics ??
    createMetricsRoutes({
      mirror: ctx.mirror,
      clock,
      settings: ctx.settings,
      ...(deps.onStaleClusters ? { onStaleClusters: deps.onStaleClusters } : {}),
    });
  app.route("/", metrics);
  return app;
}

const OPENAPI = {
  info: { title: "status-recorder read API", version: "1" },
  securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
  security: [{ bearerAuth: [] }],
};
