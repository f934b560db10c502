import * as z from "zod";
import { checkExpression } from "../interpret/rules/cel-expression.ts";

/**
 * A CEL expression over the given variables, checked (parsed, names resolved) when the document is
 * validated, so a typo fails the load with its position rather than every object at run time.
 */
export function celSource(variables: readonly string[]) {
  return z
    .string()
    .min(1)
    .superRefine((source, ctx) => {
      const error = checkExpression(source, variables);
      if (error)
        ctx.addIssue({ code: "custom", message: error.message, params: { position: error.position } });
    });
}
