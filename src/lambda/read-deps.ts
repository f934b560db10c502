import { ConfigError } from "../config/errors.ts";
import { configIssues } from "../config/format-issues.ts";
import { type Config, configSchema } from "../config/schema.ts";
import type { ReadAppDeps } from "../http/read-app.ts";
import { createLambdaDeps, type LambdaDepsOptions } from "./deps.ts";

/**
 * What the read function serves with, built once per cold start: a store that cannot open cluster
 * secrets, and the fleet-default config document (`config apply` without `--cluster`), validated as
 * the CLI validated it. The config is read only here, so a change reaches a warm read function at its
 * next cold start; a document that no longer validates fails the cold start with the problem named.
 */
export async function createReadDeps(
  options: Omit<LambdaDepsOptions, "sealing"> = {},
): Promise<Pick<ReadAppDeps, "store" | "config">> {
  const { env, store } = await createLambdaDeps({ ...options, sealing: false });
  const stored = await store.getConfig({});
  return { store, config: validated(stored?.document ?? {}, `fleet config in table ${env.TABLE_NAME}`) };
}

// validateConfig's steps without its module, which also parses YAML: the yaml package would add
// 117 KB to a bundle that never reads YAML (the table holds the document already parsed).
function validated(document: unknown, source: string): Config {
  const result = configSchema.safeParse(document);
  if (!result.success)
    throw new ConfigError(source, configIssues(result.error, document), { cause: result.error });
  return result.data;
}
