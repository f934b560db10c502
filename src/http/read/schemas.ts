import { z } from "@hono/zod-openapi";
import { healthSchema, objectStatusSchema } from "../../model/object-status.ts";
import { CLUSTER_NAME_PATTERN, CLUSTER_NAME_RULE } from "../params.ts";

// The read API's shapes, written once: the handlers' replies are typed by them and /openapi.json is
// generated from them.

export const errorSchema = z
  .object({
    error: z.string().openapi({ example: "bad_request" }),
    message: z.string(),
    issues: z.array(z.string()).optional().describe("every wrong parameter, as `name: problem`"),
  })
  .openapi("Error");

// Built from zod-openapi's own `z`: zod 4 gives schemas their methods when they are made, so a schema
// made by plain zod before zod-openapi loaded would have no `.openapi()`.
export const clusterParam = z
  .string()
  .regex(CLUSTER_NAME_PATTERN, CLUSTER_NAME_RULE)
  .openapi({
    param: { name: "cluster", in: "path" },
    example: "edge-1",
  });

export const storedObjectSchema = z
  .object({
    cluster: z.string(),
    objectKey: z
      .string()
      .describe("`{group}#{kind}#{namespace}#{name}`: the object's key within its cluster"),
    group: z.string().describe('"" for the core group'),
    kind: z.string(),
    namespace: z.string().describe('"" for cluster-scoped objects'),
    name: z.string(),
    apiVersion: z.string(),
    uid: z.string().optional(),
    status: objectStatusSchema,
    resourceVersion: z.string(),
    generation: z.number().optional(),
    observedAt: z.string().describe("when the relay saw the last transition"),
    lastTransitionAt: z.string(),
    transitions: z.number().int().describe("transitions recorded since the object was first seen"),
    updatedAt: z.string().describe("when the store last wrote the record"),
    labels: z
      .record(z.string(), z.string())
      .optional()
      .describe("its bundle labels (config bundles.labelKeys)"),
    bundleKey: z.string().optional(),
    tombstonedBy: z.string().optional().describe("the snapshot that found the object gone"),
  })
  .openapi("StoredObject");

export const transitionSchema = z
  .object({
    cluster: z.string(),
    objectKey: z.string(),
    time: z.string(),
    resourceVersion: z.string().optional(),
    from: objectStatusSchema.optional().describe("absent for the object's first transition"),
    to: objectStatusSchema,
    durationSeconds: z.number().optional().describe("seconds spent in `from`"),
    cause: z.enum(["event", "snapshot"]),
    snapshotId: z.string().optional(),
    expiresAt: z.number().int().describe("unix seconds after which the record is deleted"),
  })
  .openapi("Transition");

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).optional().describe("page size (default 100)"),
  cursor: z.string().max(4096).optional().describe("the `cursor` of the previous page"),
};

export const cursorField = z
  .string()
  .optional()
  .describe("pass as `cursor` for the next page; absent on the last");

export const healthCountsSchema = z.partialRecord(healthSchema, z.number().int());

/** 401/403/400 replies every guarded route can give, for the generated document. */
export const errorResponses = {
  400: { description: "a parameter is wrong", content: { "application/json": { schema: errorSchema } } },
  401: { description: "no valid read token", content: { "application/json": { schema: errorSchema } } },
  403: {
    description: "the token may not read this cluster",
    content: { "application/json": { schema: errorSchema } },
  },
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
