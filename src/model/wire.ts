import * as z from "zod";
import { objectStatusSchema } from "./object-status.ts";

// The relay → ingest wire protocol (DESIGN.md "Wire protocol"). Limits keep one bad relay from
// filling the table with giant keys; Kubernetes' own limits are smaller still.
const name253 = z.string().min(1).max(253);

export const objectIdentitySchema = z.object({
  apiVersion: name253,
  kind: z.string().min(1).max(63),
  namespace: z.string().max(253).default(""),
  name: name253,
  uid: z.string().max(64).optional(),
  /** Only the labels named in config `bundles.labelKeys`; they place the object in composite apps. */
  labels: z.record(z.string().max(317), z.string().max(63)).optional(),
});

export const wireEventSchema = z.object({
  type: z.enum(["UPSERT", "DELETE"]),
  object: objectIdentitySchema,
  status: objectStatusSchema,
  resourceVersion: z.string().min(1).max(64),
  generation: z.number().int().nonnegative().optional(),
  /** When the relay saw the change (RFC 3339); orders events whose resourceVersions are not numeric. */
  observedAt: z.iso.datetime({ offset: true }),
});

export const snapshotSchema = z.object({
  id: z.string().min(1).max(64),
  part: z.number().int().nonnegative(),
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
    }),
    mode: z.enum(["delta", "snapshot"]),
    snapshot: snapshotSchema.optional(),
    configRevision: z.string().max(128),
    events: z.array(wireEventSchema).max(5000),
  })
  .refine((b) => (b.mode === "snapshot") === (b.snapshot !== undefined), {
    message: "snapshot is required when mode is snapshot, and only then",
    path: ["snapshot"],
  });

export const batchAckSchema = z.object({
  accepted: z.number().int().nonnegative(),
  stale: z.number().int().nonnegative(),
  configRevision: z.string(),
});

export type ObjectIdentity = z.infer<typeof objectIdentitySchema>;
export type WireEvent = z.infer<typeof wireEventSchema>;
export type Snapshot = z.infer<typeof snapshotSchema>;
export type EventBatch = z.infer<typeof eventBatchSchema>;
export type BatchAck = z.infer<typeof batchAckSchema>;
