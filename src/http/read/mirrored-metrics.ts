import { NotFoundError } from "../../errors.ts";
import type { CustomFamilySpec } from "../../metrics/custom-families.ts";
import { MetricsCache, type RenderOptions } from "../../metrics/metrics-cache.ts";
import type { MirrorChange, StateMirror } from "../../read/state-mirror.ts";
import type { Clock } from "../clock.ts";

export interface MirroredMetricsOptions {
  mirror: StateMirror;
  clock: Clock;
  /** Config `staleAfter`, in milliseconds. */
  staleAfterMs: number;
  customFamilies?: readonly CustomFamilySpec[];
}

/**
 * The rendered series of every object the mirror holds, kept in step with it one changed record at a
 * time: each sync hands its changes to the cache, so a scrape after a sync that changed nothing
 * only concatenates what was rendered before.
 */
export class MirroredMetrics {
  readonly #options: MirroredMetricsOptions;
  #cache: MetricsCache;

  constructor(options: MirroredMetricsOptions) {
    this.#options = options;
    // Seeded from what the mirror already holds, in case it was synced before (a shared mirror).
    this.#cache = this.#build();
    options.mirror.onChange((change) => this.#apply(change));
  }

  /** Custom families left out because their names clash with another family's. */
  get conflicts(): readonly string[] {
    return this.#cache.conflicts;
  }

  /**
   * Syncs the mirror, then renders. @throws NotFoundError when `options.cluster` is not registered.
   */
  async render(options: RenderOptions): Promise<string> {
    const { mirror, clock } = this.#options;
    await mirror.sync();
    const clusters = mirror.clusters();
    if (options.cluster !== undefined && !clusters.some((record) => record.name === options.cluster)) {
      throw new NotFoundError(`cluster "${options.cluster}" is not registered`);
    }
    // Whether each cluster is up depends on the time of the scrape, not of the last change.
    this.#cache.setClusters(clusters, clock().getTime());
    return this.#cache.render(options);
  }

  #apply(change: MirrorChange): void {
    if (change.removedClusters.length > 0) {
      // Rare (`cluster remove`), and the mirror has already let go of those objects, so their keys
      // are gone with them: start again from what it still holds.
      this.#cache = this.#build();
      return;
    }
    for (const record of change.objects) this.#cache.upsert(record);
  }

  #build(): MetricsCache {
    const { mirror, staleAfterMs, customFamilies } = this.#options;
    const cache = new MetricsCache({ staleAfterMs, customFamilies: customFamilies ?? [] });
    for (const record of mirror.objects()) cache.upsert(record);
    return cache;
  }
}
