import { ClusterExistsError, SecretUnsealError } from "../../store/errors.ts";
import type { StatusStore } from "../../store/status-store.ts";

export interface ClusterSecret {
  name: string;
  secret: string;
}

/** Registers the cluster with exactly this secret; a different old secret stops working at once. */
export async function registerCluster(
  store: StatusStore,
  { name, secret }: ClusterSecret,
  now: Date,
): Promise<void> {
  try {
    await store.createCluster(name, secret, now);
    return;
  } catch (error) {
    if (!(error instanceof ClusterExistsError)) throw error;
  }
  const current = await store.getClusterCredentials(name, now).catch((error: unknown) => {
    // Sealed under a key that is gone: the secret given now replaces it either way.
    if (error instanceof SecretUnsealError) return undefined;
    throw error;
  });
  if (current?.secrets[0] !== secret) await store.rotateClusterSecret(name, secret, now, 0);
}
