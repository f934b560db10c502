import * as z from "zod";
import { groupOf } from "../interpret/kube-object.ts";
import type { ExpressionCheck } from "./cel-source.ts";
import { durationSchema } from "./duration.ts";
import { metricFamilySchemaWith } from "./metric-family-schema.ts";
import { ruleSchemaWith } from "./rule-schema.ts";

// The config document's shape, written once. Whether its CEL expressions are checked is the caller's
// choice (see celSource): schema.ts checks them; the read function, which only reads a document that
// `config apply` validated, does not, and so carries no CEL.

/** One kind the relay lists and watches. */
export const watchSchema = z.strictObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  namespaces: z.array(z.string().min(1)).default([]).describe("empty: every namespace"),
  labelSelector: z.string().default("").describe("as kubectl -l takes it; empty: every object"),
});

export const bundlesSchema = z.strictObject({
  labelKeys: z.array(z.string().min(1)).default(["emco/deployment-id"]).describe("labels that group objects"),
});

/**
 * The config document: the same shape for `dev`, the relay's local fallback and the desired state
 * the backend serves per cluster. Every field has a default, so `{}` is a valid document.
 */
export function configSchemaWith(check: ExpressionCheck | undefined) {
  return z
    .strictObject({
      watch: z.array(watchSchema).optional().describe("kinds to watch; absent: every built-in kind"),
      rules: z.array(ruleSchemaWith(check)).default([]).describe("health of further kinds, in CEL"),
      metrics: z.array(metricFamilySchemaWith(check)).default([]).describe("custom metric families"),
      bundles: bundlesSchema.prefault({}),
      staleAfter: durationSchema.prefault("5m").describe("a cluster silent this long is stale"),
    })
    .superRefine((config, ctx) => {
      // Two rules for one kind would leave the winner to list order; say so instead.
      reportDuplicates(ctx, "rules", config.rules, (rule) => `${groupOf(rule.apiVersion)}/${rule.kind}`);
      reportDuplicates(ctx, "metrics", config.metrics, (family) => family.name);
    });
}

type ConfigSchema = ReturnType<typeof configSchemaWith>;
export type Config = z.infer<ConfigSchema>;
/** The document as written, before defaults and duration parsing. */
export type ConfigInput = z.input<ConfigSchema>;
export type WatchConfig = z.infer<typeof watchSchema>;
export type BundlesConfig = z.infer<typeof bundlesSchema>;

function reportDuplicates<T>(
  ctx: z.RefinementCtx,
  key: string,
  items: readonly T[],
  keyOf: (item: T) => string,
) {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const first = seen.get(keyOf(item));
    if (first === undefined) seen.set(keyOf(item), index);
    else ctx.addIssue({ code: "custom", path: [key, index], message: `duplicates ${key}[${first}]` });
  });
}
