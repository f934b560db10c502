import * as z from "zod";
import { RULE_VARIABLES } from "../interpret/rules/compile-rule.ts";
import { celSource, type ExpressionCheck } from "./cel-source.ts";

/** Names of values become parts of metric names and labels, so they follow Prometheus' spelling. */
export const valueNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a name of letters, digits and underscores")
  .max(256);

/**
 * How a kind's status is read, in CEL over `object` (the whole object as JSON).
 * A rule replaces any built-in interpretation of the same API group and kind, whatever the version.
 * Its expressions are checked by `check` when one is given (see celSource).
 */
export function ruleSchemaWith(check: ExpressionCheck | undefined) {
  const expression = celSource(RULE_VARIABLES, check);
  return z.strictObject({
    apiVersion: z.string().min(1).describe("e.g. example.com/v1; only the group selects the rule"),
    kind: z.string().min(1),
    health: expression.describe("evaluates to Healthy, Progressing, Degraded, Suspended, Missing or Unknown"),
    message: expression.optional().describe("evaluates to a string"),
    phase: expression.optional().describe("evaluates to a string"),
    values: z.record(valueNameSchema, expression).optional().describe("name → number"),
    components: z.record(z.string().min(1).max(256), expression).optional().describe("name → string"),
  });
}

export type RuleConfig = z.infer<ReturnType<typeof ruleSchemaWith>>;
