import { access } from "node:fs/promises";
import { Registry } from "prom-client";
import { type KubeConfigSource, loadKubeConfig } from "../../relay/kube-config.ts";
import { createRelay, type Relay } from "../../relay/relay.ts";
import type { Logger } from "../../relay/transport/index.ts";
import type { StatusStore } from "../../store/status-store.ts";
import { generateSecret } from "../relay-secret.ts";
import { registerCluster } from "./register-cluster.ts";

/** The relay `dev` runs besides the backend: on a kubeconfig's cluster, or replaying a file. */
export type DevRelayOptions = { cluster: string } & ({ kubeconfig: KubeConfigSource } | { replay: string });

export interface DevRelayDeps {
  store: StatusStore;
  /** dev's own URL: the relay posts there as any relay posts to the ingest. */
  endpoint: string;
  logger: Logger;
  now: Date;
}

/**
 * Registers the relay's cluster with a secret made for this run (it never leaves the process) and
 * starts the relay: one replica, so no election, and no probes (dev serves on one port).
 */
export async function startDevRelay(options: DevRelayOptions, deps: DevRelayDeps): Promise<Relay> {
  if ("replay" in options) await readable(options.replay);
  const secret = generateSecret();
  await registerCluster(deps.store, { name: options.cluster, secret }, deps.now);
  const common = {
    endpoint: deps.endpoint,
    cluster: options.cluster,
    secret,
    probePort: false as const,
    registry: new Registry(),
    logger: deps.logger,
  };
  const relay =
    "replay" in options
      ? createRelay({ ...common, replay: { file: options.replay } })
      : createRelay({ ...common, kubeConfig: loadKubeConfig(options.kubeconfig), leaderElection: false });
  await relay.start();
  return relay;
}

async function readable(file: string): Promise<void> {
  try {
    await access(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    throw new Error(`--replay ${file}: cannot read: ${reason}`, { cause: error });
  }
}
