// The relay's /healthz, /readyz and /metrics, as the composition wires them.
export { createProbeApp, type ProbeAppDeps } from "./probe-app.ts";
export {
  DEFAULT_PROBE_PORT,
  type ProbeServer,
  type ProbeServerOptions,
  startProbeServer,
} from "./probe-server.ts";
export { ReadinessCheck } from "./readiness.ts";
export type {
  ConfigReadiness,
  KindWatchState,
  KindWatchStatus,
  ReadinessPolicy,
  ReadinessReport,
  ReadinessSources,
} from "./readiness-api.ts";
export { DEFAULT_READINESS_POLICY } from "./readiness-api.ts";
