import { Hono } from "hono";
import { validateStoredConfig } from "../../config/stored-config.ts";
import { type AdmissionLimits, createAdmission, DEFAULT_ADMISSION } from "../../http/admission.ts";
import { type Clock, systemClock } from "../../http/clock.ts";
import { handleError } from "../../http/error-handler.ts";
import { createIngestApp } from "../../http/ingest-app.ts";
import { createReadApp } from "../../http/read-app.ts";
import { storedReadSettings } from "../../read/stored-read-settings.ts";
import type { StatusStore } from "../../store/status-store.ts";

/** How reads are to be authorised; `dev --read-token T` or `--no-auth`. */
export type ReadAuth = { token: string } | { disabled: true };

export interface DevAppDeps {
  store: StatusStore;
  clock?: Clock | undefined;
  /** Bearer tokens from the table unless `dev --read-token T` or `--no-auth` says otherwise. */
  readAuth?: ReadAuth | undefined;
  /** How many relay posts one process serves at once and lets wait (admission.ts). */
  admission?: AdmissionLimits | undefined;
}

/**
 * Every app on one root, as the functions serve them separately on AWS. Each app owns its own routes
 * and error handler, so mounting another is one line.
 */
export function createDevApp(deps: DevAppDeps): Hono {
  const root = new Hono();
  root.onError(handleError);
  // One process serves every relay here; on AWS each function instance takes one request at a time.
  root.use("/v1/clusters/:cluster/events", createAdmission(deps.admission ?? DEFAULT_ADMISSION).middleware);
  root.route("/", createIngestApp({ store: deps.store, clock: deps.clock }));
  // The ingest routes come first: the read app's bearer-token middleware must not see relay requests.
  // As the read function does, from the table's config records, so `config apply` shows in /metrics;
  // re-read every 5 s rather than every minute, for someone trying a config out.
  const settings = storedReadSettings({
    store: deps.store,
    clock: deps.clock ?? systemClock,
    validate: validateStoredConfig,
    refreshMs: 5_000,
    warn: (msg, error) => console.warn(`status-recorder dev: ${msg}: ${String(error)}`),
  });
  root.route("/", createReadApp({ store: deps.store, clock: deps.clock, auth: deps.readAuth, settings }));
  return root;
}
