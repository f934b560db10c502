// One rule for every way a cluster's HMAC secret is set: `cluster add|rotate`, `dev --cluster-secret`,
// the store itself and the relay's secret file.

/** An HMAC key much shorter than this can be guessed offline from one signed request. */
export const MIN_SECRET_LENGTH = 16;

/** Why `secret` cannot be a cluster's secret, or undefined when it can. */
export function secretProblem(secret: string): string | undefined {
  if (secret.length >= MIN_SECRET_LENGTH) return undefined;
  return `a secret needs at least ${MIN_SECRET_LENGTH} characters, this one has ${secret.length}`;
}
