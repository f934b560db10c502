import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { validateStoredConfig } from "../config/stored-config.ts";
import type { ReadSettingsSource } from "../read/read-settings.ts";
import { storedReadSettings } from "../read/stored-read-settings.ts";
import { createDynamoStatusStore } from "../store/dynamodb/dynamodb-status-store.ts";
import type { SecretSealer } from "../store/secret-sealer.ts";
import type { StatusStore } from "../store/status-store.ts";
import { readLambdaEnv } from "./env.ts";
import { staleClustersReporter } from "./stale-clusters-metric.ts";

// The read function's bundle carries only what reading needs (infra/bundles.test.ts keeps it within
// 500 KB): no CEL and no Secrets Manager client, which is why this does not go through deps.ts.

export interface ReadDepsOptions {
  env?: NodeJS.ProcessEnv;
  clock?: () => Date;
}

/**
 * What the read function serves with, built once per cold start without a call to the table: a store
 * that cannot open cluster secrets (the function is given no sealing key), and settings read from the
 * stored config documents on the first request and again each minute, so `config apply` reaches warm
 * functions too. A fleet document that does not validate fails requests with the problem named until
 * one that does is applied; once settings were loaded, a bad reload only logs and keeps them.
 */
export function createReadDeps(options: ReadDepsOptions = {}): {
  store: StatusStore;
  settings: ReadSettingsSource;
  onStaleClusters: (count: number, now: Date) => void;
} {
  const env = readLambdaEnv(options.env ?? process.env, { sealing: false });
  const client = new DynamoDBClient({
    region: env.AWS_REGION,
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
  });
  const store = createDynamoStatusStore({ client, tableName: env.TABLE_NAME, sealer: noSealer });
  const settings = storedReadSettings({
    store,
    clock: options.clock ?? (() => new Date()),
    validate: (document, source) => validateStoredConfig(document, `${source} in table ${env.TABLE_NAME}`),
    warn: (msg, error) => console.warn(JSON.stringify({ level: "warn", msg, error: String(error) })),
  });
  // The StaleClusters alarm (infra/constructs/monitoring.ts) reads what renders publish here.
  return { store, settings, onStaleClusters: staleClustersReporter(env.TABLE_NAME) };
}

// If some path ever tries to open a cluster secret, it fails loudly, not silently.
const refuse = () => Promise.reject(new Error("the read function has no sealing key"));
const noSealer: SecretSealer = { seal: refuse, unseal: refuse };
