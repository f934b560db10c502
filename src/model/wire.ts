import * as z from "zod";
import {
  isApiVersion,
  isKind,
  isLabelValue,
  isNamespace,
  isObjectName,
  isQualifiedName,
  isWellFormed,
  KUBE_NAME_RULES,
  NAME_MAX,
} from "./kube-names.ts";
import { objectStatusSchema } from "./object-status.ts";

// The relay → ingest wire protocol (DESIGN.md "Wire protocol"). Identity fields are validated as
// Kubernetes validates them (kube-names.ts), so a 400 names the field no API server would have served.
const kubeText = (max: number, rule: (value: string) => boolean, message: string) =>
  z.string().max(max).refine(rule, { message });

export const objectIdentitySchema = z.object({
  // A subdomain, "/" and a label.
  apiVersion: kubeText(NAME_MAX + 1 + 63, isApiVersion, KUBE_NAME_RULES.apiVersion),
  kind: z.string().min(1).max(63).refine(isKind, { message: KUBE_NAME_RULES.kind }),
  namespace: kubeText(63, isNamespace, KUBE_NAME_RULES.namespace).default(""),
  name: z.string().min(1).max(NAME_MAX).refine(isObjectName, { message: KUBE_NAME_RULES.name }),
  uid: kubeText(64, isWellFormed, KUBE_NAME_RULES.uid).optional(),
  /** Only the labels named in config `bundles.labelKeys`; they place the object in composite apps. */
  labels: z
    .record(
      kubeText(NAME_MAX + 1 + 63, isQualifiedName, KUBE_NAME_RULES.labelKey),
      kubeText(63, isLabelValue, KUBE_NAME_RULES.labelValue),
      {
        error: (issue) =>
          issue.code === "invalid_key" ? `label key ${KUBE_NAME_RULES.labelKey}` : undefined,
      },
    )
    .optional(),
});

export const wireEventSchema = z.object({
  type: z.enum(["UPSERT", "DELETE"]),
  object: objectIdentitySchema,
  status: objectStatusSchema,
  resourceVersion: z.string().min(1).max(64),
  generation: z.number().int().nonnegative().optional(),
  /** When the relay saw the change (RFC 3339); orders events whose resourceVersions are not numeric. */
  observedAt: z.iso.datetime({ offset: true }),
  /**
   * Statuses of this object the relay observed before this one but could not hold while the ingest
   * was unreachable (its held history was at its bound): history records them as one explicit gap.
   */
  gap: z
    .object({
      count: z.number().int().positive().max(1_000_000_000),
      /** Observation times of the first and the last status not sent. */
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
    })
    .optional(),
});

/**
 * A watch report rides on every batch and its gist on the cluster record every batch reads, so it
 * is kept small: a relay blind to hundreds of kinds lists the first of them and counts the rest.
 */
export const MAX_FAILING_LISTED = 100;
export const MAX_WATCH_ERROR = 300;

/** Watch states that mean the relay's view of a kind is not current (DESIGN.md "Heartbeat"). */
export const FAILING_WATCH_STATES = ["backoff", "forbidden"] as const;

/**
 * How the relay's watches stand, carried by every batch (heartbeats included). The ingest counts
 * the cluster as seen only while the view is current: some watch live, or none failing.
 */
export const watchReportSchema = z.object({
  /** Kinds the relay is configured to watch. */
  kinds: z.number().int().nonnegative(),
  /** Kinds with a watch open now. */
  live: z.number().int().nonnegative(),
  failing: z
    .array(
      z.object({
        kind: z.string().min(1).max(317),
        state: z.enum(FAILING_WATCH_STATES),
        error: z.string().max(MAX_WATCH_ERROR),
        /** Since when the kind has been failing (RFC 3339). */
        since: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .max(MAX_FAILING_LISTED),
  /** How many kinds fail in all, when more than `failing` lists. */
  failingTotal: z.number().int().nonnegative().optional(),
});

/**
 * The highest snapshot part number. The store sorts parts by a 6-digit key (keys.ts snapshotSk), and
 * a million parts of up to 5000 events is more objects than any cluster holds; an unbounded number
 * made the last part's completeness check walk up to 2^53 parts.
 */
export const MAX_SNAPSHOT_PART = 999_999;

export const snapshotSchema = z.object({
  id: z.string().min(1).max(64),
  part: z.number().int().nonnegative().max(MAX_SNAPSHOT_PART),
  last: z.boolean(),
  /** `group/Kind` of every kind the snapshot covers: tombstoning is scoped to them. */
  kinds: z.array(z.string().min(1).max(317)).max(1000),
  /** When the relay's list began: objects recorded after it (a delta racing the snapshot) are never tombstoned. */
  listedAt: z.iso.datetime({ offset: true }),
});

export const eventBatchSchema = z
  .object({
    relay: z.object({
      version: z.string().min(1).max(64),
      epoch: z.number().int().nonnegative(),
      seq: z.number().int().nonnegative(),
      /**
       * How often this relay heartbeats when idle (DESIGN.md: staleAfter/3, at most 60 s). The ingest
       * records visits at most about twice per interval, so an idle cluster costs one write per beat.
       */
      heartbeatSeconds: z.number().positive().max(3600).optional(),
    }),
    mode: z.enum(["delta", "snapshot"]),
    snapshot: snapshotSchema.optional(),
    configRevision: z.string().max(128),
    /** Absent from relays that watch nothing (a replay): their view is whatever they replay. */
    watch: watchReportSchema.optional(),
    /** Empty for a heartbeat (a delta sent only to say the relay is alive and its view current). */
    events: z.array(wireEventSchema).max(5000),
  })
  .refine((b) => (b.mode === "snapshot") === (b.snapshot !== undefined), {
    message: "snapshot is required when mode is snapshot, and only then",
    path: ["snapshot"],
  });

export const batchAckSchema = z.object({
  accepted: z.number().int().nonnegative(),
  stale: z.number().int().nonnegative(),
  /** Events that passed the schema but could not be stored: each alone, the rest were applied. */
  rejected: z.array(z.object({ index: z.number().int().nonnegative(), reason: z.string() })).default([]),
  configRevision: z.string(),
});

export type ObjectIdentity = z.infer<typeof objectIdentitySchema>;
export type WireEvent = z.infer<typeof wireEventSchema>;
export type Snapshot = z.infer<typeof snapshotSchema>;
export type EventBatch = z.infer<typeof eventBatchSchema>;
export type BatchAck = z.infer<typeof batchAckSchema>;
export type WatchReport = z.infer<typeof watchReportSchema>;
export type EventGap = NonNullable<WireEvent["gap"]>;

/** Whether a watch report says the relay's view is current: some watch live, or none failing. */
export function isViewCurrent(report: WatchReport | undefined): boolean {
  return report === undefined || report.live > 0 || report.failing.length === 0;
}
