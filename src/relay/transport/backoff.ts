export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** A longer Retry-After is cut to this: a misbehaving server must not park the relay for days. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 30_000, maxRetryAfterMs: 10 * 60_000 };

/** The backoff interval after `failures` consecutive failures: base·2^(failures−1), capped. */
export function backoffCeiling(failures: number, policy: BackoffPolicy): number {
  if (failures <= 0) return 0;
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(failures - 1, 40));
}

/**
 * Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): uniform in [0, ceiling),
 * so a fleet of relays that failed together does not retry together.
 */
export function fullJitter(failures: number, policy: BackoffPolicy, random: () => number): number {
  return Math.floor(random() * backoffCeiling(failures, policy));
}

const HTTP_DATE = /^[A-Za-z]{3,9}, .* GMT$/;

/**
 * A Retry-After header (RFC 9110 §10.2.3) as milliseconds from `nowMs`: delay-seconds or an
 * HTTP-date (IMF-fixdate or the obsolete RFC 850 form; both end in GMT). Undefined when absent or
 * unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
