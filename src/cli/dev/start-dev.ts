import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "../../http/clock.ts";
import { createDynamoStatusStore } from "../../store/dynamodb/dynamodb-status-store.ts";
import { startEmbeddedDynamo } from "../../store/embedded.ts";
import { ClusterExistsError, SecretUnsealError } from "../../store/errors.ts";
import { createAesGcmSealer } from "../../store/secret-sealer.ts";
import type { StatusStore } from "../../store/status-store.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { createDevApp, type ReadAuth } from "./dev-app.ts";
import { listen } from "./http-listener.ts";
import { loadOrCreateSealingKey } from "./sealing-key-file.ts";

export interface ClusterSecret {
  name: string;
  secret: string;
}

export interface DevOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** A folder that keeps the table and its sealing key across runs, or nothing kept at all. */
  storage: { dataDir: string } | { memory: true };
  /** Clusters registered (or re-keyed) at start, so outside relays and tests can post. */
  clusterSecrets?: readonly ClusterSecret[];
  /** For the read app, not built yet; accepted now so `dev`'s flags need not change when it lands. */
  readAuth?: ReadAuth;
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
  /** Stops serving, then closes the table (and removes the temporary key of an in-memory run). */
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
    return {
      url: listener.url,
      tableEndpoint: db.endpoint,
      tableName: db.tableName,
      sealingKeyFile,
      options,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Registers the cluster with exactly this secret; a different old secret stops working at once. */
async function registerCluster(
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
