import type { Config } from "../config/document-schema.ts";
import type { MetricFamilyConfig } from "../config/metric-family-schema.ts";

/** What the read side takes from the config documents. */
export interface ReadSettings {
  /** The fleet's `staleAfter`, in milliseconds: a cluster silent this long is stale. */
  readonly staleAfterMs: number;
  /** Clusters whose own config overrides `staleAfter`, with their window. */
  readonly staleAfterByCluster: ReadonlyMap<string, number>;
  /** The label that places objects in EMCO composite apps (`bundles.labelKeys[0]`). */
  readonly bundleLabelKey: string;
  /** The fleet's custom metric families (`metrics`). */
  readonly customFamilies: readonly MetricFamilyConfig[];
  /**
   * Differs whenever the fleet's settings (staleAfterMs, bundleLabelKey, customFamilies) do, so what is
   * built from them knows to rebuild; per-cluster windows are read afresh on every use.
   */
  readonly revision: string;
}

/** The settings now; cheap to call per request (a source caches and refreshes on its own). */
export type ReadSettingsSource = () => Promise<ReadSettings>;

export type ReadConfig = Partial<Pick<Config, "staleAfter" | "bundles" | "metrics">>;

const DEFAULT_STALE_AFTER_MS = 5 * 60_000;
const DEFAULT_BUNDLE_LABEL = "emco/deployment-id";

/** Settings from a fleet config (defaults for what it leaves out: 5m, emco/deployment-id, none). */
export function readSettingsOf(
  config: ReadConfig = {},
  staleAfterByCluster: ReadonlyMap<string, number> = new Map(),
  revision = "",
): ReadSettings {
  return {
    staleAfterMs: config.staleAfter ?? DEFAULT_STALE_AFTER_MS,
    staleAfterByCluster,
    bundleLabelKey: config.bundles?.labelKeys[0] ?? DEFAULT_BUNDLE_LABEL,
    customFamilies: config.metrics ?? [],
    revision,
  };
}

/** Settings that never change: a config given in code (tests, a fixed deployment). */
export function fixedReadSettings(config?: ReadConfig): ReadSettingsSource {
  const settings = readSettingsOf(config);
  return () => Promise.resolve(settings);
}

/** The staleness window of `cluster`: its own override, else the fleet's. */
export function staleAfterOf(settings: ReadSettings, cluster: string): number {
  return settings.staleAfterByCluster.get(cluster) ?? settings.staleAfterMs;
}
