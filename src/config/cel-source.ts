import * as z from "zod";
import type { Position } from "../interpret/rules/position.ts";

/**
 * Parses a CEL expression over the given variables and resolves its names: the problem, with its
 * position, or undefined. `checkExpression` (src/interpret/rules/cel-expression.ts) is the one in use.
 */
export type ExpressionCheck = (
  source: string,
  variables: readonly string[],
) => { message: string; position: Position } | undefined;

/**
 * A CEL expression over the given variables. With a `check` (the full validator that `config apply`,
 * the relay and `dev` use) it is checked when the document is validated, so a typo fails the load
 * with its position rather than every object at run time. Without one only its shape is: what a
 * reader of an already validated document needs, without loading CEL.
 */
export function celSource(variables: readonly string[], check: ExpressionCheck | undefined) {
  const source = z.string().min(1);
  if (check === undefined) return source;
  return source.superRefine((text, ctx) => {
    const error = check(text, variables);
    if (error) ctx.addIssue({ code: "custom", message: error.message, params: { position: error.position } });
  });
}
