import { readFileSync } from "node:fs";
import { hostname } from "node:os";

const SERVICE_ACCOUNT_NAMESPACE = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

/** The candidate's identity: the pod name (downward API `POD_NAME`), else the hostname, which is the pod name in a pod. */
export function leaderIdentity(env: NodeJS.ProcessEnv = process.env, host: () => string = hostname): string {
  return env.POD_NAME?.trim() || host();
}

/**
 * Where the Lease lives: `POD_NAMESPACE` (downward API), else the namespace of the pod's service
 * account; undefined outside a cluster.
 */
export function podNamespace(
  env: NodeJS.ProcessEnv = process.env,
  read: (path: string) => string = (path) => readFileSync(path, "utf8"),
): string | undefined {
  const fromEnv = env.POD_NAMESPACE?.trim();
  if (fromEnv) return fromEnv;
  try {
    return read(SERVICE_ACCOUNT_NAMESPACE).trim() || undefined;
  } catch {
    return undefined;
  }
}
