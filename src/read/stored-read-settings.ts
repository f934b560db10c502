import type { Config } from "../config/document-schema.ts";
import { MisconfiguredError } from "../errors.ts";
import type { ConfigStore } from "../store/status-store.ts";
import { type ReadSettings, type ReadSettingsSource, readSettingsOf } from "./read-settings.ts";

export interface StoredReadSettingsOptions {
  store: Pick<ConfigStore, "listConfigs">;
  clock: () => Date;
  /** Validates a stored document; throws a ConfigError naming `source` when it does not validate. */
  validate(document: unknown, source: string): Config;
  /** How long loaded settings serve before the table is read again (default 60 s). */
  refreshMs?: number;
  /** A read that failed, or a cluster override that is ignored. */
  warn?(message: string, error: unknown): void;
}

export const READ_SETTINGS_REFRESH_MS = 60_000;
/** While nothing could be read yet, how long a failure answers for itself before the table is asked again. */
export const FIRST_READ_RETRY_MS = 5_000;

/**
 * Settings read from the table's config records (one query for the fleet default and every override).
 * The first request waits for the first read; later ones never wait: once the settings are
 * `refreshMs` old, a request starts a new read in the background and is served with what is loaded,
 * so a `config apply` reaches warm functions within a minute and a slow table never slows a scrape.
 * A failed refresh (the table throttles, a document no longer validates) keeps the loaded settings
 * until the next try. With none loaded yet, the failure is the request's, and is given again for a
 * few seconds rather than asking a struggling table on every request.
 */
export function storedReadSettings(options: StoredReadSettingsOptions): ReadSettingsSource {
  const refreshMs = options.refreshMs ?? READ_SETTINGS_REFRESH_MS;
  const warn = options.warn ?? (() => {});
  let current: { settings: ReadSettings; checkedAt: number } | undefined;
  let failure: { error: unknown; at: number } | undefined;
  let loading: Promise<ReadSettings> | undefined;

  const reload = (now: number): Promise<ReadSettings> => {
    loading ??= load(options, warn)
      .then(
        (settings) => {
          current = { settings, checkedAt: now };
          failure = undefined;
          return settings;
        },
        (error: unknown) => {
          if (current) current.checkedAt = now;
          else failure = { error, at: now };
          warn(
            current
              ? "reading the config failed; serving with the config read before"
              : "reading the config failed",
            error,
          );
          throw error;
        },
      )
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };

  return async () => {
    const now = options.clock().getTime();
    if (current) {
      if (now - current.checkedAt >= refreshMs) reload(now).catch(() => {}); // warned in reload
      return current.settings;
    }
    if (failure && now - failure.at < FIRST_READ_RETRY_MS) throw failure.error;
    return reload(now);
  };
}

async function load(options: StoredReadSettingsOptions, warn: (m: string, e: unknown) => void) {
  const configs = await options.store.listConfigs();
  const fleetRecord = configs.find((c) => c.scope.cluster === undefined);
  const fleetDocument = fleetRecord?.document ?? {};
  const fleet = validFleet(options, fleetDocument);
  const staleAfterByCluster = new Map<string, number>();
  for (const { scope, document } of configs) {
    if (scope.cluster === undefined || !("staleAfter" in document)) continue;
    try {
      // Only the override's staleAfter matters here: a problem elsewhere in it is its relay's to report.
      const merged = options.validate(
        { ...fleetDocument, staleAfter: document.staleAfter },
        `config of cluster ${scope.cluster}`,
      );
      if (merged.staleAfter !== fleet.staleAfter) staleAfterByCluster.set(scope.cluster, merged.staleAfter);
    } catch (error) {
      warn(`ignoring the staleAfter of cluster ${scope.cluster}: it does not validate`, error);
    }
  }
  // What is built from the settings (the metrics cache) depends on the fleet document alone.
  return readSettingsOf(fleet, staleAfterByCluster, fleetRecord?.revision ?? "");
}

function validFleet(options: StoredReadSettingsOptions, document: unknown): Config {
  try {
    return options.validate(document, "fleet config");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new MisconfiguredError(`${message}\n(fix it with \`status-recorder config apply\`)`, {
      cause: error,
    });
  }
}
