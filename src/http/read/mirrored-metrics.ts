import { NotFoundError } from "../../errors.ts";
import { customFamilySpec } from "../../metrics/custom-families.ts";
import { MetricsCache, type RenderOptions } from "../../metrics/metrics-cache.ts";
import type { ReadSettings, ReadSettingsSource } from "../../read/read-settings.ts";
import type { MirrorChange, StateMirror } from "../../read/state-mirror.ts";
import type { Clock } from "../clock.ts";

interface BuiltCache {
  /** What it was built from: a new settings revision means building again. */
  settings: ReadSettings;
  metrics: MetricsCache;
}

export interface MirroredMetricsOptions {
  mirror: StateMirror;
  clock: Clock;
  /** Staleness windows and custom families; a new revision rebuilds the series. */
  settings: ReadSettingsSource;
  /** Custom families left out because their names clash with another family's. */
  onConflict?(message: string): void;
  /** How many registered clusters each render found stale (the read function publishes the count). */
  onStaleClusters?(count: number, now: Date): void;
}

/**
 * The rendered series of every object the mirror holds, kept in step with it one changed record at a
 * time: each sync hands its changes to the cache, so a scrape after a sync that changed nothing
 * only concatenates what was rendered before. A new fleet config (`config apply` without
 * `--cluster`) renders everything again, once; clusters' own windows apply from the next render.
 */
export class MirroredMetrics {
  readonly #options: MirroredMetricsOptions;
  #cache: BuiltCache | undefined;

  constructor(options: MirroredMetricsOptions) {
    this.#options = options;
    options.mirror.onChange((change) => this.#apply(change));
  }

  /**
   * Syncs the mirror, then renders. @throws NotFoundError when `options.cluster` is not registered.
   */
  async render(options: RenderOptions): Promise<string> {
    const { mirror, clock } = this.#options;
    const [settings] = await Promise.all([this.#options.settings(), mirror.sync()]);
    const cache = this.#cacheFor(settings);
    const clusters = mirror.clusters();
    if (options.cluster !== undefined && !clusters.some((record) => record.name === options.cluster)) {
      throw new NotFoundError(`cluster "${options.cluster}" is not registered`);
    }
    // Whether each cluster is up depends on the time of the scrape, not of the last change.
    const now = clock();
    const stale = cache.setClusters(clusters, now.getTime(), settings.staleAfterByCluster);
    this.#options.onStaleClusters?.(stale, now);
    return cache.render(options);
  }

  #apply(change: MirrorChange): void {
    const cache = this.#cache;
    if (!cache) return; // built from the whole mirror on the first render
    if (change.removedClusters.length > 0) {
      // Rare (`cluster remove`), and the mirror has already let go of those objects, so their keys
      // are gone with them: start again from what it still holds.
      this.#cache = this.#build(cache.settings);
      return;
    }
    for (const record of change.objects) cache.metrics.upsert(record);
  }

  #cacheFor(settings: ReadSettings): MetricsCache {
    let cache = this.#cache;
    if (cache?.settings.revision !== settings.revision) {
      cache = this.#build(settings);
      this.#cache = cache;
    }
    return cache.metrics;
  }

  #build(settings: ReadSettings): BuiltCache {
    const metrics = new MetricsCache({
      staleAfterMs: settings.staleAfterMs,
      customFamilies: settings.customFamilies.map(customFamilySpec),
    });
    for (const conflict of metrics.conflicts) this.#options.onConflict?.(conflict);
    for (const record of this.#options.mirror.objects()) metrics.upsert(record);
    return { settings, metrics };
  }
}
