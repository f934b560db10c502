import { ConfigError } from "../../config/errors.ts";
import { loadConfigFile, validateConfig } from "../../config/load.ts";
import type { Config } from "../../config/schema.ts";
import type { CurrentConfig } from "./config-sync-api.ts";

/** Built-in defaults: `{}`, which watches every built-in kind. */
export function defaultConfig(): CurrentConfig {
  return { config: validateConfig({}, "built-in defaults"), revision: "", source: "default" };
}

export type FallbackResult = { current: CurrentConfig } | { current: CurrentConfig; error: ConfigError };

/**
 * What the relay runs with while the backend cannot be reached: the local file if one is given and
 * valid, else the built-in defaults. A broken file does not stop the relay (it would record nothing
 * until someone fixes a file that only matters while the backend is down); the error is returned
 * so it is logged and shown.
 */
export async function loadFallback(file: string | undefined): Promise<FallbackResult> {
  if (!file) return { current: defaultConfig() };
  let config: Config;
  try {
    config = await loadConfigFile(file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { current: defaultConfig(), error };
  }
  return { current: { config, revision: "", source: "file" } };
}
