import { KubeConfig } from "@kubernetes/client-node";

/** A kubeconfig that cannot be used: unreadable, or without the context asked for. */
export class KubeConfigError extends Error {
  override readonly name = "KubeConfigError";
}

export interface KubeConfigSource {
  /** A kubeconfig file; absent: `KUBECONFIG`, then ~/.kube/config, then the pod's service account. */
  file?: string;
  /** A context of that kubeconfig instead of its current one. */
  context?: string;
}

// What client-node falls back to when it finds no config at all; never what anyone meant.
const NOWHERE = "http://localhost:8080";

/** The API server to watch, as kubectl would find it. */
export function loadKubeConfig(source: KubeConfigSource = {}): KubeConfig {
  const kc = new KubeConfig();
  const where = source.file ?? "the default kubeconfig";
  try {
    if (source.file) kc.loadFromFile(source.file);
    else kc.loadFromDefault();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    throw new KubeConfigError(`${where}: cannot load: ${reason}`, { cause: error });
  }
  if (source.context !== undefined) {
    if (!kc.getContextObject(source.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new KubeConfigError(
        `${where} has no context "${source.context}"${known.length > 0 ? `; it has: ${known.join(", ")}` : ""}`,
      );
    }
    kc.setCurrentContext(source.context);
  }
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new KubeConfigError(`${where}: the current context names no cluster`);
  if (!source.file && server === NOWHERE)
    throw new KubeConfigError(
      "no kubeconfig found: pass --kubeconfig, set KUBECONFIG, or run in a pod with a service account",
    );
  return kc;
}

/** The namespace of the kubeconfig's current context, if it names one. */
export function contextNamespace(kc: KubeConfig): string | undefined {
  return kc.getContextObject(kc.getCurrentContext())?.namespace || undefined;
}
