import type { EventBatch, WatchReport } from "../model/wire.ts";
import type {
  ApplyResult,
  ClusterCredentials,
  ClusterRecord,
  ConfigScope,
  EffectiveConfig,
  HistoryPage,
  ListObjectsQuery,
  ObjectRef,
  Page,
  PageRequest,
  ScopedConfig,
  StoredConfig,
  StoredObject,
} from "./records.ts";
import type { TokenStore } from "./token-store.ts";

/**
 * Writes and reads of recorded object status (DESIGN.md "Table").
 *
 * Applying is idempotent and order-safe per event: an event not newer than the stored record
 * changes nothing. Newer means observed later by the relay (observedAt); at the same instant a
 * higher numeric resourceVersion, and within one batch, at a tie, the later position. Only
 * transitions are written (plus the rare change of bundle labels or uid), so a batch of unchanged
 * objects costs reads and no writes, and the stored observedAt moves only on those writes. That is
 * intended, and it has a price: if an older transition arrives in a later request than a newer
 * *non-transition* of the same object, nothing remembers the newer one, and the older transition is
 * applied (until the object's next change or snapshot). A relay that sends one batch at a time never
 * causes this; within one batch, events are put in order first, so reordering inside a batch is
 * always safe.
 *
 * Whatever passes the wire schema is storable: out-of-range numbers are stored marked, statuses
 * fitted to a byte budget (the message naming what was cut); an event the table still refuses is
 * left out alone and listed in `rejected`, and faults that may pass fail the batch (503).
 */
export interface ObjectStatusStore {
  /**
   * Applies a relay batch for a cluster. Snapshot batches also remember which objects each part
   * named; the last part records as Missing every object of the snapshot's kinds that no part named
   * and that was last seen before the listing began.
   * `refused` names events the caller will not have applied (position → reason, e.g. an observedAt
   * beyond the ingest's clock window): they are listed in `rejected`, and a snapshot still names
   * their objects, so refusing an event never tombstones the object.
   * @throws SnapshotIncompleteError when the last part arrives before an earlier part was stored.
   */
  applyBatch(
    cluster: string,
    batch: EventBatch,
    now: Date,
    refused?: ReadonlyMap<number, string>,
  ): Promise<ApplyResult>;
  getObject(cluster: string, ref: ObjectRef): Promise<StoredObject | undefined>;
  listObjects(cluster: string, query?: ListObjectsQuery): Promise<Page<StoredObject>>;
  /** Records the store wrote at or after `since` (inclusive, so a reader can safely overlap). */
  listChangedSince(cluster: string, since: Date, page?: PageRequest): Promise<Page<StoredObject>>;
  /** Every object, in any cluster, carrying the bundle key `{labelKey}={value}`. */
  listBundle(bundleKey: string, page?: PageRequest): Promise<Page<StoredObject>>;
  /**
   * Newest first; records past their expiry are left out even before DynamoDB's TTL deletes them,
   * and so are records later than the object's current item (a write in progress or interrupted).
   */
  listHistory(cluster: string, objectKey: string, page: PageRequest, now: Date): Promise<HistoryPage>;
}

/** Registered clusters (the ingest's allowlist) and their sealed HMAC secrets. */
export interface ClusterRegistry {
  /** @throws ClusterExistsError, InvalidClusterNameError, WeakSecretError */
  createCluster(name: string, secret: string, now: Date): Promise<ClusterRecord>;
  getCluster(name: string): Promise<ClusterRecord | undefined>;
  /** One read for the ingest: the cluster and its currently valid secrets, unsealed. */
  getClusterCredentials(name: string, now: Date): Promise<ClusterCredentials | undefined>;
  listClusters(): Promise<ClusterRecord[]>;
  /** Removes the registration and its config override; its recorded objects stay readable. @throws ClusterNotFoundError */
  removeCluster(name: string): Promise<void>;
  /** The old secret stays valid for `graceSeconds`, so relays can be updated without a gap. @throws ClusterNotFoundError, WeakSecretError */
  rotateClusterSecret(name: string, secret: string, now: Date, graceSeconds: number): Promise<ClusterRecord>;
  /**
   * Records a relay's visit: `lastContact` always, `lastSeen` only when the relay's view is
   * `current` (DESIGN.md "Heartbeat": a relay whose watches all fail is not seen), and its watch
   * report. Skips the write (returns false) when `cluster`, the record the caller already read, says
   * the same as of less than half a heartbeat interval (at most 15 s) before, unless `changed`: a
   * batch that wrote object records always sets `lastChangedAt`, so readers of the change feed
   * learn of it from the cluster record alone.
   */
  touchCluster(cluster: ClusterRecord, visit: RelayVisit): Promise<boolean>;
}

/** What one signed batch tells of its relay. */
export interface RelayVisit {
  relayVersion: string;
  /** When the batch arrived (the ingest's clock). */
  at: Date;
  /** Whether the relay's view is current (`isViewCurrent` of its report); default true. */
  current?: boolean;
  watch?: WatchReport;
  /** The relay's heartbeat interval, which paces how often visits are recorded. */
  heartbeatSeconds?: number;
  /** The batch wrote object records. */
  changed?: boolean;
}

/** Desired relay config: a fleet default plus per-cluster overrides, stored as given (not validated here). */
export interface ConfigStore {
  /** Stores the document and updates `configRevision` on the affected cluster records. */
  putConfig(
    scope: ConfigScope,
    raw: string,
    document: Record<string, unknown>,
    now: Date,
  ): Promise<StoredConfig>;
  getConfig(scope: ConfigScope): Promise<StoredConfig | undefined>;
  deleteConfig(scope: ConfigScope): Promise<void>;
  getEffectiveConfig(cluster: string): Promise<EffectiveConfig>;
  /** The fleet default and every cluster's override, in one read (the read side's settings). */
  listConfigs(): Promise<ScopedConfig[]>;
}

export interface StatusStore extends ObjectStatusStore, ClusterRegistry, ConfigStore, TokenStore {}
