// The relay's desired-config pull, as the rest of the relay uses it.
export { CONFIG_SYNC_INTERVAL_MS, createConfigSync } from "./config-sync.ts";
export type {
  ConfigSource,
  ConfigSync,
  ConfigSyncError,
  ConfigSyncOptions,
  ConfigSyncStatus,
  CurrentConfig,
} from "./config-sync-api.ts";
export { defaultConfig } from "./fallback.ts";
