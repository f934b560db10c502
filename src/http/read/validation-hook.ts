import type { Hook } from "@hono/zod-openapi";
import { BadRequestError } from "../../errors.ts";

const WHAT: Record<string, string> = { param: "path", query: "query" };

/**
 * The read app's defaultHook: a request that breaks a route's zod schema becomes our 400, listing
 * every wrong parameter as `name: problem`, the same shape as every other error reply.
 */
// biome-ignore lint/suspicious/noExplicitAny: the hook serves every route, whatever its schemas.
export const badRequestHook: Hook<any, any, any, any> = (result) => {
  if (result.success) return;
  const issues = result.error.issues
    .slice(0, 50)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`);
  const what = WHAT[result.target] ?? result.target;
  throw new BadRequestError(`${what} is invalid: ${issues.join("; ")}`, issues);
};
