import { UnauthorizedError } from "../../errors.ts";
import { hashReadToken } from "../../store/read-token.ts";
import type { ReadTokenRecord, TokenStore } from "../../store/token-store.ts";
import type { Clock } from "../clock.ts";
import type { ReadAccess } from "./read-env.ts";

export interface TokenVerifierOptions {
  tokens: Pick<TokenStore, "findReadToken">;
  clock: Clock;
  /**
   * How long a looked-up token (or its absence) is remembered. A Prometheus scraping every 15 s
   * then costs one table read per minute per instance, and a revocation takes effect within this
   * time on a warm instance: the documented revocation delay.
   */
  ttlMs?: number;
  /** Bounds memory when many different (mostly wrong) tokens are presented. */
  maxEntries?: number;
}

export const DEFAULT_TOKEN_CACHE_MS = 60_000;

interface Cached {
  record: ReadTokenRecord | undefined;
  until: number;
}

/** Checks a presented bearer token against the table; @throws UnauthorizedError saying what is wrong. */
export type TokenVerifier = (token: string) => Promise<ReadAccess>;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const ttlMs = options.ttlMs ?? DEFAULT_TOKEN_CACHE_MS;
  const maxEntries = options.maxEntries ?? 1000;
  const cache = new Map<string, Cached>();

  async function lookUp(hash: string, now: number): Promise<ReadTokenRecord | undefined> {
    const hit = cache.get(hash);
    if (hit && hit.until > now) return hit.record;
    const record = await options.tokens.findReadToken(hash);
    cache.delete(hash);
    // Maps iterate in insertion order, so the first key is the oldest entry.
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(hash, { record, until: now + ttlMs });
    return record;
  }

  return async (token) => {
    const now = options.clock().getTime();
    const record = await lookUp(hashReadToken(token), now);
    if (!record) throw new UnauthorizedError("the bearer token is not a valid read token");
    if (record.revoked) throw new UnauthorizedError(`read token "${record.name}" (${record.id}) was revoked`);
    if (record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now)
      throw new UnauthorizedError(
        `read token "${record.name}" (${record.id}) expired at ${record.expiresAt}`,
      );
    return {
      tokenName: record.name,
      ...(record.clusters ? { clusters: new Set(record.clusters) } : {}),
    };
  };
}
