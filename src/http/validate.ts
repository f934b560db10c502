import type { z } from "zod";
import { BadRequestError } from "../errors.ts";

/** Parses at an HTTP edge; a failure becomes a 400 listing every wrong path, so a client can fix all at once. */
export function parseOrBadRequest<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 50)
    .map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
  throw new BadRequestError(`${what} is invalid: ${issues[0] ?? "unknown problem"}`, issues);
}
