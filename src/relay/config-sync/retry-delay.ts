import { type BackoffPolicy, backoffCeiling } from "../transport/backoff.ts";

/**
 * The wait before retrying after `failures` consecutive failed fetches: half the backoff ceiling
 * fixed, half jittered (never a tight loop, and a fleet that failed together spreads out), or the
 * server's Retry-After when longer, capped at the policy's limit.
 */
export function retryDelay(
  failures: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = backoffCeiling(failures, policy);
  const backoff = Math.floor(ceiling / 2 + (random() * ceiling) / 2);
  return Math.max(backoff, Math.min(retryAfterMs ?? 0, policy.maxRetryAfterMs));
}
