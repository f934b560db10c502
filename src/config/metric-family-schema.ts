import * as z from "zod";
import { celSource, type ExpressionCheck } from "./cel-source.ts";

/**
 * What a metric family's expressions can read: the object as JSON, its interpreted status
 * (health, kstatus, message, phase, components, values) and, as shortcuts, that status' values and components.
 */
export const METRIC_VARIABLES = ["object", "status", "values", "components"] as const;

const labelNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a Prometheus label name")
  .refine((name) => !name.startsWith("__"), "label names starting with __ are reserved");

/**
 * A custom metric family: one series per object of the kind, beside the identity labels. Its
 * expressions are checked by `check` when one is given (see celSource).
 */
export function metricFamilySchemaWith(check: ExpressionCheck | undefined) {
  const expression = celSource(METRIC_VARIABLES, check);
  const familyBase = {
    name: z.string().regex(/^[A-Za-z_:][A-Za-z0-9_:]*$/, "expected a Prometheus metric name"),
    help: z.string().min(1),
    apiVersion: z.string().min(1).optional().describe("narrows the family to one API group"),
    kind: z.string().min(1),
    labels: z.record(labelNameSchema, expression).default({}).describe("label → expression"),
  };
  return z.discriminatedUnion("type", [
    z.strictObject({
      ...familyBase,
      type: z.literal("gauge"),
      value: expression.describe("evaluates to a number"),
    }),
    z.strictObject({
      ...familyBase,
      type: z.literal("stateSet"),
      state: expression.describe("evaluates to the current state, one of states"),
      states: z.array(z.string().min(1)).min(1),
    }),
    z.strictObject({ ...familyBase, type: z.literal("info") }),
  ]);
}

export type MetricFamilyConfig = z.infer<ReturnType<typeof metricFamilySchemaWith>>;
