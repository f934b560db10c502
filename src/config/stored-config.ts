import { type Config, configSchemaWith } from "./document-schema.ts";
import { ConfigError } from "./errors.ts";
import { configIssues } from "./format-issues.ts";

/**
 * The config document's shape with its CEL expressions left unchecked: `config apply` checked them
 * before it stored the document, and the read side needs only staleAfter, bundles and the metric
 * families' names, types, labels and states. Checking again would put CEL (about 260 KB) in the read
 * function's bundle.
 */
const storedConfigSchema = configSchemaWith(undefined);

/**
 * A document read back from the table, validated. validateConfig's steps without its module, which
 * also parses YAML: the yaml package would add 117 KB to a bundle that never reads YAML (the table
 * holds the document already parsed). @throws ConfigError naming `source` and every problem.
 */
export function validateStoredConfig(document: unknown, source: string): Config {
  const result = storedConfigSchema.safeParse(document);
  if (!result.success)
    throw new ConfigError(source, configIssues(result.error, document), { cause: result.error });
  return result.data;
}
