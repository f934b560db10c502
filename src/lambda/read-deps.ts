import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type Config, configSchemaWith } from "../config/document-schema.ts";
import { ConfigError } from "../config/errors.ts";
import { configIssues } from "../config/format-issues.ts";
import { createDynamoStatusStore } from "../store/dynamodb/dynamodb-status-store.ts";
import type { SecretSealer } from "../store/secret-sealer.ts";
import type { StatusStore } from "../store/status-store.ts";
import { readLambdaEnv } from "./env.ts";

// The read function's bundle carries only what reading needs (infra/bundles.test.ts keeps it within
// 500 KB): no CEL and no Secrets Manager client, which is why this does not go through deps.ts.

/**
 * The config document's shape with its CEL expressions left unchecked: `config apply` checked them
 * before it stored the document, and the read function needs only staleAfter, bundles and the metric
 * families' names, types, labels and states. Checking again would put CEL (about 260 KB) in its bundle.
 */
const storedConfigSchema = configSchemaWith(undefined);

export interface ReadDepsOptions {
  env?: NodeJS.ProcessEnv;
}

/**
 * What the read function serves with, built once per cold start: a store that cannot open cluster
 * secrets (the function is given no sealing key), and the fleet-default config document (`config
 * apply` without `--cluster`). The config is read only here, so a change reaches a warm read function
 * at its next cold start; a document that no longer validates fails the cold start with the problem named.
 */
export async function createReadDeps(
  options: ReadDepsOptions = {},
): Promise<{ store: StatusStore; config: Config }> {
  const env = readLambdaEnv(options.env ?? process.env, { sealing: false });
  const client = new DynamoDBClient({
    region: env.AWS_REGION,
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
  });
  const store = createDynamoStatusStore({ client, tableName: env.TABLE_NAME, sealer: noSealer });
  const stored = await store.getConfig({});
  return { store, config: validated(stored?.document ?? {}, `fleet config in table ${env.TABLE_NAME}`) };
}

// validateConfig's steps without its module, which also parses YAML: the yaml package would add
// 117 KB to a bundle that never reads YAML (the table holds the document already parsed).
function validated(document: unknown, source: string): Config {
  const result = storedConfigSchema.safeParse(document);
  if (!result.success)
    throw new ConfigError(source, configIssues(result.error, document), { cause: result.error });
  return result.data;
}

// If some path ever tries to open a cluster secret, it fails loudly, not silently.
const refuse = () => Promise.reject(new Error("the read function has no sealing key"));
const noSealer: SecretSealer = { seal: refuse, unseal: refuse };
