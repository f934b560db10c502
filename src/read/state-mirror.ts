import type { Clock } from "../http/clock.ts";
import type { ClusterRecord, StoredObject } from "../store/records.ts";
import type { StatusStore } from "../store/status-store.ts";

/** What one sync brought: the records that are new or newer, and clusters that left the registry. */
export interface MirrorChange {
  objects: StoredObject[];
  /** Their objects are no longer in the mirror. */
  removedClusters: string[];
}

/**
 * Every current object of every registered cluster, in memory, kept up to date by following each
 * cluster's change feed, so a warm read function never re-reads the table. A sync costs one query
 * (the cluster list) when nothing changed, plus one change-feed query per cluster whose
 * `lastChangedAt` moved (the ingest sets it whenever a batch wrote records).
 */
export interface StateMirror {
  /** Brings the mirror up to date; concurrent calls share one sync. */
  sync(): Promise<void>;
  /** The registered clusters as of the last sync. */
  clusters(): readonly ClusterRecord[];
  /** The current objects of one cluster, or of every cluster. */
  objects(cluster?: string): StoredObject[];
  /** Called after each sync that changed anything (the first sync delivers every object). */
  onChange(listener: (change: MirrorChange) => void): () => void;
}

export interface StateMirrorOptions {
  store: Pick<StatusStore, "listClusters" | "listObjects" | "listChangedSince">;
  clock?: Clock;
  /**
   * How far before the last change a feed query starts: records carry the writing instance's clock
   * and the batch's start time, so a record can be older than the change that announced it.
   */
  overlapMs?: number;
  /**
   * How long after a change the feed is read again: its index is eventually consistent, so the
   * first query may not see every record yet.
   */
  settleMs?: number;
}

interface Followed {
  objects: Map<string, StoredObject>;
  /** The cluster's change marker as last consumed; undefined until a settled read. */
  consumed: string | undefined;
  /** Unix ms the next feed query starts from (before the overlap). */
  since: number;
}

const PAGE = 500;

export function createStateMirror(options: StateMirrorOptions): StateMirror {
  const { store } = options;
  const clock = options.clock ?? (() => new Date());
  const overlapMs = options.overlapMs ?? 60_000;
  const settleMs = options.settleMs ?? 10_000;
  const followed = new Map<string, Followed>();
  const listeners = new Set<(change: MirrorChange) => void>();
  let records: ClusterRecord[] = [];
  let running: Promise<void> | undefined;

  async function follow(record: ClusterRecord, now: number, changed: StoredObject[]): Promise<void> {
    const state = followed.get(record.name);
    const marker = changeMarker(record);
    if (state && marker === state.consumed) return;
    const changedAt = marker === undefined ? now : Date.parse(marker.slice(2)) || now;
    const settled = now - changedAt >= settleMs;
    if (!state) {
      const objects = new Map<string, StoredObject>();
      for await (const object of pages((cursor) => store.listObjects(record.name, { limit: PAGE, cursor })))
        objects.set(object.objectKey, object);
      changed.push(...objects.values());
      followed.set(record.name, {
        objects,
        consumed: settled ? marker : undefined,
        since: Math.min(changedAt, now),
      });
      return;
    }
    const from = new Date(Math.min(state.since, changedAt) - overlapMs);
    for await (const object of pages((cursor) =>
      store.listChangedSince(record.name, from, { limit: PAGE, cursor }),
    )) {
      if (isNewer(object, state.objects.get(object.objectKey))) {
        state.objects.set(object.objectKey, object);
        changed.push(object);
      }
    }
    // Until the change has settled, leave it unconsumed: the next sync reads the feed again.
    if (settled) {
      state.consumed = marker;
      state.since = changedAt;
    }
  }

  async function run(): Promise<void> {
    const now = clock().getTime();
    const listed = await store.listClusters();
    const names = new Set(listed.map((r) => r.name));
    const removedClusters = [...followed.keys()].filter((name) => !names.has(name));
    for (const name of removedClusters) followed.delete(name);
    const objects: StoredObject[] = [];
    await Promise.all(listed.map((record) => follow(record, now, objects)));
    records = listed;
    if (objects.length === 0 && removedClusters.length === 0) return;
    for (const listener of listeners) listener({ objects, removedClusters });
  }

  return {
    sync() {
      running ??= run().finally(() => {
        running = undefined;
      });
      return running;
    },
    clusters: () => records,
    objects(cluster) {
      if (cluster !== undefined) return [...(followed.get(cluster)?.objects.values() ?? [])];
      return [...followed.values()].flatMap((state) => [...state.objects.values()]);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * `c:{lastChangedAt}`; a table written before the ingest set lastChangedAt falls back to the visit
 * time (`s:{lastSeen}`), which costs a feed query per visit instead of per change, but misses nothing.
 */
function changeMarker(record: ClusterRecord): string | undefined {
  if (record.lastChangedAt !== undefined) return `c:${record.lastChangedAt}`;
  return record.lastSeen === undefined ? undefined : `s:${record.lastSeen}`;
}

/**
 * Whether a record read from the feed replaces the one held. The feed's index can lag and hand back
 * an older copy; transitions only grow, and between transitions (label refreshes) updatedAt decides.
 */
function isNewer(incoming: StoredObject, held: StoredObject | undefined): boolean {
  if (held === undefined) return true;
  if (incoming.transitions !== held.transitions) return incoming.transitions > held.transitions;
  return incoming.updatedAt > held.updatedAt;
}

async function* pages(
  read: (cursor: string | undefined) => Promise<{ items: StoredObject[]; cursor?: string }>,
): AsyncGenerator<StoredObject> {
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    yield* page.items;
    cursor = page.cursor;
  } while (cursor !== undefined);
}
