import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "../../http/clock.ts";
import type { Relay } from "../../relay/relay.ts";
import { type Logger, silentLogger } from "../../relay/transport/index.ts";
import { createDynamoStatusStore } from "../../store/dynamodb/dynamodb-status-store.ts";
import { startEmbeddedDynamo } from "../../store/embedded.ts";
import { createAesGcmSealer } from "../../store/secret-sealer.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { createDevApp, type ReadAuth } from "./dev-app.ts";
import { type DevRelayOptions, startDevRelay } from "./dev-relay.ts";
import { listen } from "./http-listener.ts";
import { type ClusterSecret, registerCluster } from "./register-cluster.ts";
import { loadOrCreateSealingKey } from "./sealing-key-file.ts";

export type { DevRelayOptions } from "./dev-relay.ts";
export type { ClusterSecret } from "./register-cluster.ts";

export interface DevOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** A folder that keeps the table and its sealing key across runs, or nothing kept at all. */
  storage: { dataDir: string } | { memory: true };
  /** Clusters registered (or re-keyed) at start, so outside relays and tests can post. */
  clusterSecrets?: readonly ClusterSecret[];
  /** How reads are authorised; absent: read tokens in the table. */
  readAuth?: ReadAuth;
  /** A relay to run on this backend: on a kubeconfig's cluster, or replaying a recorded stream. */
  relay?: DevRelayOptions;
  /** Where the relay logs (default: nowhere). */
  relayLogger?: Logger;
  clock?: Clock;
}

export interface DevServer {
  /** Where both apps answer. */
  url: string;
  /** The embedded table's DynamoDB endpoint, for `--endpoint-url`. */
  tableEndpoint: string;
  tableName: string;
  /** The key cluster secrets are sealed with, for `--sealing-key-file`. */
  sealingKeyFile: string;
  options: DevOptions;
  /** The relay, when one was asked for. */
  relay?: Relay;
  /** Stops the relay (sending what it has queued), stops serving, then closes the table (and removes the temporary key of an in-memory run). */
  close(): Promise<void>;
}

const KEY_FILE = "sealing.key";

/** The whole backend on one machine: the embedded table, a store over it and the apps on one port. */
export async function startDev(options: DevOptions): Promise<DevServer> {
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const { storage } = options;
    const keyDir =
      "dataDir" in storage ? storage.dataDir : await mkdtemp(join(tmpdir(), "status-recorder-dev-"));
    if ("dataDir" in storage) {
      await mkdir(keyDir, { recursive: true });
      cleanups.push(await lockDataDir(keyDir));
    } else {
      cleanups.push(() => rm(keyDir, { recursive: true, force: true }));
    }
    const sealingKeyFile = join(keyDir, KEY_FILE);
    const sealer = createAesGcmSealer(await loadOrCreateSealingKey(sealingKeyFile));

    // The table gets its own folder: LevelDB owns every file in the folder it is given.
    const db = await startEmbeddedDynamo("dataDir" in storage ? { dataDir: join(keyDir, "table") } : storage);
    cleanups.push(() => db.close());
    const store = createDynamoStatusStore({ client: db.client, tableName: db.tableName, sealer });
    const now = (options.clock ?? (() => new Date()))();
    for (const cluster of options.clusterSecrets ?? []) await registerCluster(store, cluster, now);

    const app = createDevApp({ store, clock: options.clock, readAuth: options.readAuth });
    const listener = await listen(app, options.host, options.port);
    cleanups.push(() => listener.close());
    const logger = options.relayLogger ?? silentLogger;
    const relay = options.relay
      ? await startDevRelay(options.relay, { store, endpoint: listener.url, now, logger })
      : undefined;
    // Cleanups run last first: the relay sends what it has queued while the listener still serves.
    if (relay) cleanups.push(async () => void (await relay.stop()));
    return {
      url: listener.url,
      tableEndpoint: db.endpoint,
      tableName: db.tableName,
      sealingKeyFile,
      options,
      ...(relay ? { relay } : {}),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
