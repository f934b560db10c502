import type { ObjectStatus } from "../model/object-status.ts";
import type { EventGap, WatchReport } from "../model/wire.ts";

// Shapes the store hands out. They are plain data so the read side can render them without
// knowing anything about DynamoDB.

/** One object's identity within a cluster: group, not version, so one object is one record. */
export interface ObjectRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The current status of one object, as of its last transition. */
export interface StoredObject extends ObjectRef {
  cluster: string;
  /** `{group}#{kind}#{namespace}#{name}`: the object's key within its cluster. */
  objectKey: string;
  apiVersion: string;
  uid?: string;
  /** The status as last written: a message-only change is not written, so neither is its message. */
  status: ObjectStatus;
  /**
   * The resourceVersion of the last write: of the last transition, or of a later event that changed
   * the bundle labels or the uid (re-creation). Non-transitions are not written, so it does not follow them.
   */
  resourceVersion: string;
  generation?: number;
  /** When the relay saw the last transition (UTC, RFC 3339 with milliseconds). */
  observedAt: string;
  lastTransitionAt: string;
  transitions: number;
  /** When the store last wrote this record; orders the change feed. */
  updatedAt: string;
  /** The bundle labels the last event carried (only the keys named in config `bundles.labelKeys`). */
  labels?: Record<string, string>;
  /** `{labelKey}={value}` of the bundle this object is indexed under (the first label key in sort order). */
  bundleKey?: string;
  /** Set when a snapshot, not a DELETE event, found the object gone. */
  tombstonedBy?: string;
}

/** One recorded change of health, kstatus, phase, components or values. */
export interface Transition {
  cluster: string;
  objectKey: string;
  time: string;
  /** The event's resourceVersion; absent for a snapshot tombstone. */
  resourceVersion?: string;
  /** Absent for the first transition of a new object. */
  from?: ObjectStatus;
  to: ObjectStatus;
  /** Seconds spent in `from` (since the previous transition). */
  durationSeconds?: number;
  /**
   * "gap": not a transition but a record of `gap.count` statuses the relay observed and could not
   * send, just before the transition that followed them; its `to` is Unknown, and its message says
   * "N transitions not recorded between T1 and T2".
   */
  cause: "event" | "snapshot" | "gap";
  /** The snapshot that found the object gone (cause "snapshot"). */
  snapshotId?: string;
  /** cause "gap": how many statuses were not recorded, observed between `from` and `to`. */
  gap?: EventGap;
  /** Unix seconds after which the record is gone (DynamoDB TTL; filtered on read before that). */
  expiresAt: number;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; absent on the last page. */
  cursor?: string;
}

/** A page of one object's history; `recorded` is false when the store holds no record of the object. */
export interface HistoryPage extends Page<Transition> {
  recorded: boolean;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface ListObjectsQuery extends PageRequest {
  /** Narrow to one group (with `kind`, this is a key-prefix query rather than a filter). */
  group?: string;
  kind?: string;
  namespace?: string;
  health?: ObjectStatus["health"];
}

export interface ApplyResult {
  /** Events newer than what was stored (whether or not they were transitions); every event of a batch is accepted, stale or rejected. */
  accepted: number;
  /** Events not newer than what was stored: they changed nothing. */
  stale: number;
  /** Transitions written (each is one history record; a gap record is not counted). */
  transitions: number;
  /** Objects a snapshot's last part found gone and recorded as Missing. */
  tombstoned: number;
  /**
   * Object records written: transitions, label or uid refreshes and tombstones. Non-zero means the
   * change feed moved, which the ingest records on the cluster (`touchCluster` with `changed`).
   */
  written: number;
  /** Events not applied, by position in the batch: refused by the caller or by the table. */
  rejected: Rejection[];
}

/** An event that passed the schema and still could not be stored; the rest of its batch was. */
export interface Rejection {
  /** Its position in `batch.events`. */
  index: number;
  reason: string;
}

/** A registered cluster, without its secrets. */
export interface ClusterRecord {
  name: string;
  createdAt: string;
  relayVersion?: string;
  /** When the relay was last heard from with a current view (see `isViewCurrent`): what staleness is judged on. */
  lastSeen?: string;
  /** When the relay last posted anything signed, a heartbeat with every watch failing included. */
  lastContact?: string;
  /** The watch report of the relay's last visit: which kinds it cannot watch, and why. */
  watch?: WatchReport;
  /**
   * When an ingest last wrote object records for this cluster (set with the visit that wrote them).
   * A reader following the change feed compares it with the value it last consumed: equal means
   * nothing changed, so a warm sync costs the one cluster query. Not ordered across ingest
   * instances (their clocks differ), so readers compare it for equality, never for "newer".
   */
  lastChangedAt?: string;
  /** Revision of the cluster's effective desired config (fleet default merged with its override). */
  configRevision: string;
  secretRotatedAt?: string;
  /** Until when the secret replaced by the last rotation is still accepted. */
  previousValidUntil?: string;
}

/** The cluster plus every secret a request signature may currently be checked against. */
export interface ClusterCredentials {
  cluster: ClusterRecord;
  /** The current secret first, then the previous one while its grace period lasts. */
  secrets: string[];
}

/** `{cluster}` for a per-cluster override, none for the fleet default. */
export interface ConfigScope {
  cluster?: string;
}

export interface StoredConfig {
  /** The text as the operator wrote it (YAML or JSON). */
  raw: string;
  /** The parsed document (already validated by the caller). */
  document: Record<string, unknown>;
  /** Content hash of `raw`. */
  revision: string;
  updatedAt: string;
}

/** A stored config document and whose it is: the fleet default (`scope: {}`) or a cluster's override. */
export interface ScopedConfig extends StoredConfig {
  scope: ConfigScope;
}

export interface EffectiveConfig {
  /** The fleet default with the cluster's override merged over it, top-level key by key. */
  document: Record<string, unknown>;
  /** Content hash of the merged document: what the relay compares with its own. */
  revision: string;
}
