import { readFile } from "node:fs/promises";
import { parseAllDocuments } from "yaml";
import { ConfigError } from "./errors.ts";
import { configIssues } from "./format-issues.ts";
import { type Config, configSchema } from "./schema.ts";

/** Validates a config document already parsed from YAML or JSON; `source` names it in errors. */
export function validateConfig(document: unknown, source: string): Config {
  // An empty file is an empty document: every default.
  const result = configSchema.safeParse(document ?? {});
  if (!result.success)
    throw new ConfigError(source, configIssues(result.error, document), { cause: result.error });
  return result.data;
}

/** Parses and validates a config document written in YAML (or JSON); throws `ConfigError`. */
export function parseConfig(text: string, source: string): Config {
  const documents = parseAllDocuments(text);
  if (documents.length === 0) return validateConfig({}, source);
  if (documents.length > 1) {
    throw new ConfigError(source, [
      { where: "", message: `expected one YAML document, found ${documents.length}` },
    ]);
  }
  const document = documents[0];
  const syntax = document?.errors[0];
  if (syntax) {
    const where = syntax.linePos ? `line ${syntax.linePos[0].line}, column ${syntax.linePos[0].col}` : "";
    throw new ConfigError(source, [{ where, message: firstLine(syntax.message) }], { cause: syntax });
  }
  return validateConfig(document?.toJS(), source);
}

/** Reads, parses and validates a config file; every failure is a `ConfigError` naming the file. */
export async function loadConfigFile(path: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    throw new ConfigError(path, [{ where: "", message: `cannot read: ${reason}` }], { cause: error });
  }
  return parseConfig(text, path);
}

// The yaml package appends a code frame after the first line; the position is already in `where`.
function firstLine(message: string): string {
  return message.split("\n", 1)[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? message;
}
