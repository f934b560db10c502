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
  /** A reload that failed while older settings go on serving, or a cluster override that is ignored. */
  warn?(message: string, error: unknown): void;
}

export const READ_SETTINGS_REFRESH_MS = 60_000;

/**
 * Settings read from the table's config records (one query for the fleet default and every override),
 * first on the first request, then again once `refreshMs` old, so a `config apply` reaches warm
 * functions within a minute. Concurrent requests share one read. When a reload fails (the table
 * throttles, a document no longer validates), the settings already loaded go on serving until the
 * next try; with none loaded yet, the failure is the request's.
 */
export function storedReadSettings(options: StoredReadSettingsOptions): ReadSettingsSource {
  const refreshMs = options.refreshMs ?? READ_SETTINGS_REFRESH_MS;
  const warn = options.warn ?? (() => {});
  let current: { settings: ReadSettings; checkedAt: number } | undefined;
  let loading: Promise<ReadSettings> | undefined;

  const reload = (now: number): Promise<ReadSettings> => {
    loading ??= load(options, warn)
      .then((settings) => {
        current = { settings, checkedAt: now };
        return settings;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };

  return async () => {
    const now = options.clock().getTime();
    if (current && now - current.checkedAt < refreshMs) return current.settings;
    if (!current)
      return reload(now).catch((error: unknown) => {
        warn("reading the config failed; nothing read before to serve with", error);
        throw error;
      });
    const previous = current;
    try {
      return await reload(now);
    } catch (error) {
      warn("reading the config failed; serving with the config read before", error);
      previous.checkedAt = now;
      return previous.settings;
    }
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
      // As the cluster's relay sees it: the override merged over the fleet default, key by key.
      const merged = options.validate(
        { ...fleetDocument, ...document },
        `config of cluster ${scope.cluster}`,
      );
      if (merged.staleAfter !== fleet.staleAfter) staleAfterByCluster.set(scope.cluster, merged.staleAfter);
    } catch (error) {
      warn(`ignoring the staleAfter of cluster ${scope.cluster}: its config does not validate`, error);
    }
  }
  const revision = configs
    .map((c) => `${c.scope.cluster ?? ""}:${c.revision}`)
    .sort()
    .join(",");
  return readSettingsOf(fleet, staleAfterByCluster, revision);
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
