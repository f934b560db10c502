import * as z from "zod";
import { healthSchema, objectStatusSchema } from "../../model/object-status.ts";
import type { ApiResponse } from "../api-routes.ts";
import { clusterNameSchema } from "../params.ts";

// The read API's shapes, written once: the handlers' replies are typed by them and /openapi.json is
// generated from them. A schema with an `id` is a component of the document.

export const errorSchema = z
  .object({
    error: z.string().meta({ examples: ["bad_request"] }),
    message: z.string(),
    issues: z.array(z.string()).optional().describe("every wrong parameter, as `name: problem`"),
  })
  .meta({ id: "Error" });

export const clusterParam = clusterNameSchema.meta({ examples: ["edge-1"] });

export const storedObjectSchema = z
  .object({
    cluster: z.string(),
    objectKey: z
      .string()
      .describe(
        "`{group}#{kind}#{namespace}#{name}`, each field with `%`, `#` and control characters percent-escaped: the object's key within its cluster",
      ),
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
  .meta({ id: "StoredObject" });

export const transitionSchema = z
  .object({
    cluster: z.string(),
    objectKey: z.string(),
    time: z.string(),
    resourceVersion: z.string().optional(),
    from: objectStatusSchema.optional().describe("absent for the object's first transition"),
    to: objectStatusSchema,
    durationSeconds: z.number().optional().describe("seconds spent in `from`"),
    cause: z
      .enum(["event", "snapshot", "gap"])
      .describe('"gap": `gap.count` statuses the relay observed but could not send were not recorded'),
    snapshotId: z.string().optional(),
    gap: z
      .object({ count: z.number().int(), from: z.string(), to: z.string() })
      .optional()
      .describe("cause gap: how many statuses were not recorded, and between which observation times"),
    expiresAt: z.number().int().describe("unix seconds after which the record is deleted"),
  })
  .meta({ id: "Transition" });

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
  400: jsonContent(errorSchema, "a parameter is wrong"),
  401: jsonContent(errorSchema, "no valid read token"),
  403: jsonContent(errorSchema, "the token may not read this cluster"),
} as const satisfies Record<number, ApiResponse>;

export function jsonContent<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { "application/json": schema } } satisfies ApiResponse;
}
