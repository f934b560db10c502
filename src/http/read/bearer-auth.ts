import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { UnauthorizedError } from "../../errors.ts";
import type { ReadEnv } from "./read-env.ts";
import type { TokenVerifier } from "./token-verifier.ts";

/**
 * How reads are authorised. Absent: read tokens in the table (`status-recorder token create`).
 * `{ token }`: one fixed token (`dev --read-token T`). `{ disabled: true }`: no auth (`dev --no-auth`).
 */
export type ReadAuthOption = { token: string } | { disabled: true };

const BEARER = /^Bearer[ \t]+([^ \t]+)[ \t]*$/i;

/** Sets `readAccess`, or answers 401 (with WWW-Authenticate, from the error handler). */
export function bearerAuth(
  option: ReadAuthOption | undefined,
  verify: TokenVerifier,
): MiddlewareHandler<ReadEnv> {
  if (option && "disabled" in option) {
    return async (c, next) => {
      c.set("readAccess", {});
      await next();
    };
  }
  const check = option ? fixedToken(option.token) : verify;
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (!header) throw new UnauthorizedError("a read token is required: send Authorization: Bearer <token>");
    const token = BEARER.exec(header)?.[1];
    if (!token) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"');
    c.set("readAccess", await check(token));
    await next();
  };
}

function fixedToken(expected: string): TokenVerifier {
  const want = digest(expected);
  return async (token) => {
    // Compared as digests, so neither the length nor a prefix of the token leaks through timing.
    if (!timingSafeEqual(digest(token), want)) throw new UnauthorizedError("the bearer token is not valid");
    return {};
  };
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
