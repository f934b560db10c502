import type { ClusterRecord, StoredObject } from "../store/records.ts";
import { isTombstone } from "../store/transition.ts";
import { type ClusterState, clusterState } from "./cluster-families.ts";
import type { CustomFamilySpec } from "./custom-families.ts";
import { type ExpositionFormat, labelsText, pushSample } from "./exposition.ts";
import type { Family } from "./family.ts";
import { FamilyRegistry, type Slot } from "./family-registry.ts";
import { matchesSeries, narrow, type SeriesFilter } from "./series-filter.ts";

export interface MetricsCacheOptions {
  /** The config's custom families (see customFamilySpec). */
  customFamilies?: readonly CustomFamilySpec[];
  /** A cluster whose relay was not heard from for this long is down (config `staleAfter`). */
  staleAfterMs: number;
}

export interface RenderOptions {
  format?: ExpositionFormat;
  /** Only this cluster's series (`/metrics?cluster=`). */
  cluster?: string;
  /** Only series these selectors match (`/federate?match[]=`); absent: every series. */
  filter?: SeriesFilter;
}

/** One cluster's series: per family (by slot index), each source's rendered lines by object key. */
interface Partition {
  name: string;
  objects: Map<string, StoredObject>;
  cluster: ClusterState | undefined;
  series: Map<string, string>[];
}

// Cluster families have one source per partition: the cluster itself.
const CLUSTER_KEY = "";

/**
 * The rendered series of every recorded object and cluster, kept up to date one record at a time, as
 * kube-state-metrics keeps them: each object's lines are written when it changes, and a scrape only
 * concatenates them family by family under headers written once. Families without series are left out.
 * A tombstone (a deleted object, kept for its history) has no series: the object is gone.
 */
export class MetricsCache {
  readonly #registry: FamilyRegistry;
  readonly #staleAfterMs: number;
  readonly #partitions = new Map<string, Partition>();
  #order: Partition[] | undefined;

  constructor(options: MetricsCacheOptions) {
    this.#registry = new FamilyRegistry(options.customFamilies);
    this.#staleAfterMs = options.staleAfterMs;
  }

  /** Custom families left out because their names clash with another family's. */
  get conflicts(): readonly string[] {
    return this.#registry.conflicts;
  }

  upsert(record: StoredObject): void {
    if (isTombstone(record.status)) {
      this.remove(record);
      return;
    }
    const partition = this.#partition(record.cluster);
    partition.objects.set(record.objectKey, record);
    const prefixes = new Map<Family<StoredObject>["identity"], string>();
    for (const slot of this.#registry.slotsFor(record.group, record.kind)) {
      const { identity } = slot.family;
      let prefix = prefixes.get(identity);
      if (prefix === undefined) {
        prefix = labelsText(identity(record));
        prefixes.set(identity, prefix);
      }
      setSeries(partition, slot, record.objectKey, renderSource(slot.family, record, prefix));
    }
  }

  remove(ref: Pick<StoredObject, "cluster" | "objectKey">): void {
    const partition = this.#partitions.get(ref.cluster);
    const record = partition?.objects.get(ref.objectKey);
    if (!partition || !record) return;
    partition.objects.delete(ref.objectKey);
    for (const slot of this.#registry.slotsFor(record.group, record.kind)) {
      partition.series[slot.index]?.delete(ref.objectKey);
    }
    this.#dropIfEmpty(partition);
  }

  /**
   * Replaces the registered clusters; `nowMs` decides which are up, so call it before each render.
   * `staleAfterMs` holds the windows of clusters whose config overrides the fleet's `staleAfter`.
   * Returns how many of them are down (stale).
   */
  setClusters(
    records: readonly ClusterRecord[],
    nowMs: number,
    staleAfterMs: ReadonlyMap<string, number> = new Map(),
  ): number {
    const names = new Set(records.map((r) => r.name));
    for (const partition of [...this.#partitions.values()]) {
      if (names.has(partition.name)) continue;
      partition.cluster = undefined;
      for (const slot of this.#registry.clusterSlots) partition.series[slot.index]?.delete(CLUSTER_KEY);
      this.#dropIfEmpty(partition);
    }
    let down = 0;
    for (const record of records) {
      const partition = this.#partition(record.name);
      const windowMs = staleAfterMs.get(record.name) ?? this.#staleAfterMs;
      const state = clusterState(record, nowMs, windowMs);
      if (!state.up) down++;
      partition.cluster = state;
      for (const slot of this.#registry.clusterSlots) {
        const prefix = labelsText(slot.family.identity(state));
        setSeries(partition, slot, CLUSTER_KEY, renderSource(slot.family, state, prefix));
      }
    }
    return down;
  }

  /** The exposition: text 0.0.4 by default, OpenMetrics 1.0 (ending in `# EOF`) on request. */
  render(options: RenderOptions = {}): string {
    const format = options.format ?? "text";
    const partitions = this.#selectPartitions(options.cluster);
    const parts: string[] = [];
    for (const slot of this.#registry.slots) {
      const byName = options.filter ? narrow(options.filter, "__name__", slot.family.name) : "all";
      if (byName === "none") continue;
      const headerAt = parts.length;
      parts.push(slot.headers[format]);
      for (const partition of partitions) {
        const series = partition.series[slot.index];
        if (series === undefined || series.size === 0) continue;
        const byCluster = byName === "all" ? "all" : narrow(byName, "cluster", partition.name);
        if (byCluster === "all") for (const text of series.values()) parts.push(text);
        else if (byCluster !== "none") this.#pushMatching(parts, slot, partition, byCluster);
      }
      if (parts.length === headerAt + 1) parts.pop();
    }
    if (format === "openmetrics") parts.push("# EOF\n");
    return parts.join("");
  }

  // The slow path, for selectors on labels other than the name and the cluster: the family is asked for
  // the source's samples again, and each is written only if it matches.
  #pushMatching(parts: string[], slot: Slot<unknown>, partition: Partition, filter: SeriesFilter) {
    const { family } = slot;
    for (const key of partition.series[slot.index]?.keys() ?? []) {
      const source = key === CLUSTER_KEY ? partition.cluster : partition.objects.get(key);
      if (source === undefined) continue;
      const identity = family.identity(source);
      let prefix: string | undefined;
      for (const sample of family.samples(source)) {
        if (!matchesSeries(filter, identity, sample.labels)) continue;
        prefix ??= labelsText(identity);
        pushSample(parts, family.name, prefix, sample.labels, sample.value);
      }
    }
  }

  #selectPartitions(cluster: string | undefined): readonly Partition[] {
    if (cluster !== undefined) {
      const partition = this.#partitions.get(cluster);
      return partition ? [partition] : [];
    }
    this.#order ??= [...this.#partitions.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    return this.#order;
  }

  #partition(name: string): Partition {
    let partition = this.#partitions.get(name);
    if (!partition) {
      partition = { name, objects: new Map(), cluster: undefined, series: [] };
      this.#partitions.set(name, partition);
      this.#order = undefined;
    }
    return partition;
  }

  #dropIfEmpty(partition: Partition): void {
    if (partition.objects.size > 0 || partition.cluster !== undefined) return;
    this.#partitions.delete(partition.name);
    this.#order = undefined;
  }
}

function renderSource<T>(family: Family<T>, source: T, prefix: string): string {
  const parts: string[] = [];
  for (const sample of family.samples(source))
    pushSample(parts, family.name, prefix, sample.labels, sample.value);
  return parts.join("");
}

function setSeries(partition: Partition, slot: Slot<unknown>, key: string, text: string): void {
  let series = partition.series[slot.index];
  if (text === "") {
    series?.delete(key);
    return;
  }
  if (!series) {
    series = new Map();
    partition.series[slot.index] = series;
  }
  series.set(key, text);
}
