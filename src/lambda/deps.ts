import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDynamoStatusStore } from "../store/dynamodb/dynamodb-status-store.ts";
import { createAesGcmSealer, type SecretSealer } from "../store/secret-sealer.ts";
import type { StatusStore } from "../store/status-store.ts";
import { type LambdaEnv, type LambdaEnvOptions, readLambdaEnv } from "./env.ts";
import { type FetchSecretString, loadSealingKey } from "./sealing-key.ts";

export interface LambdaDeps {
  env: LambdaEnv;
  store: StatusStore;
}

export interface LambdaDepsOptions extends Partial<LambdaEnvOptions> {
  env?: NodeJS.ProcessEnv;
  fetchSecret?: FetchSecretString;
}

/**
 * Everything a function needs, built once per cold start (awaited at the top level of its entry file):
 * one SDK client reused by every invocation and, when the function opens cluster secrets, the sealing
 * key, fetched here once rather than on a request. A function built with `sealing: false` gets no key.
 */
export async function createLambdaDeps(options: LambdaDepsOptions = {}): Promise<LambdaDeps> {
  const sealing = options.sealing ?? true;
  const env = readLambdaEnv(options.env ?? process.env, { sealing });
  const key = await loadSealingKey(env, options.fetchSecret);
  const client = new DynamoDBClient({
    region: env.AWS_REGION,
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
  });
  const sealer = key === undefined ? noSealer : createAesGcmSealer(key);
  const store = createDynamoStatusStore({
    client,
    tableName: env.TABLE_NAME,
    sealer,
    ...(env.HISTORY_TTL_DAYS === undefined ? {} : { historyTtlSeconds: env.HISTORY_TTL_DAYS * 86_400 }),
  });
  return { env, store };
}

// A read function never opens a cluster secret; if some path ever tries, it fails loudly, not silently.
const refuse = () =>
  Promise.reject(new Error("this function has no sealing key (built with sealing: false)"));
const noSealer: SecretSealer = { seal: refuse, unseal: refuse };
