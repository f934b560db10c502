import { Hono } from "hono";
import { collectDefaultMetrics, type Registry } from "prom-client";
import { ReadinessCheck } from "./readiness.ts";
import { DEFAULT_READINESS_POLICY, type ReadinessPolicy, type ReadinessSources } from "./readiness-api.ts";

export interface ProbeAppDeps {
  readiness: ReadinessSources;
  readinessPolicy?: Partial<ReadinessPolicy>;
  /** The relay's registry; the process's default metrics are added to it once. */
  registry: Registry;
  /**
   * Liveness problems beyond "the process answers" (e.g. a leader election stuck); each entry is a
   * problem or undefined. Keep these for states only a restart fixes.
   */
  liveness?: () => readonly (string | undefined)[];
  now?: () => number;
}

/**
 * The relay's own endpoints for the kubelet and Prometheus.
 * - `/healthz`: 200 while the process answers (the kubelet's timeout is the event-loop check) and no
 *   liveness check reports a problem; 503 with the problems otherwise.
 * - `/readyz`: 200 when ready, including `degraded` (some kinds cannot be watched; listed), 503 when
 *   the config is not loaded, the watches are not started or still on their first list, no kind can
 *   be watched, or every send has failed for `maxGateOpenMs`. Always a JSON report. A standby replica
 *   is ready once it has a config. See readiness.ts for the rules.
 * - `/metrics`: the registry in its own exposition format.
 */
export function createProbeApp(deps: ProbeAppDeps): Hono {
  const policy = { ...DEFAULT_READINESS_POLICY, ...deps.readinessPolicy };
  const readiness = new ReadinessCheck(deps.readiness, policy, deps.now ?? Date.now);
  const registry = deps.registry;
  // Registering them twice throws; a relay restarted in-process (dev, tests) reuses its registry.
  if (!registry.getSingleMetric("process_cpu_user_seconds_total"))
    collectDefaultMetrics({ register: registry });
  const app = new Hono();
  app.onError((error, c) =>
    c.json({ status: "error", reasons: [`probe failed: ${(error as Error).message}`] }, 503),
  );

  app.get("/healthz", (c) => {
    const problems = (deps.liveness?.() ?? []).filter((p): p is string => p !== undefined);
    if (problems.length > 0) return c.json({ status: "unhealthy", problems }, 503);
    return c.json({ status: "ok" });
  });

  app.get("/readyz", (c) => {
    const report = readiness.evaluate();
    return c.json(report, report.ready ? 200 : 503);
  });

  app.get("/metrics", async (c) => {
    const body = await registry.metrics();
    return c.body(body, 200, { "content-type": registry.contentType });
  });

  return app;
}
