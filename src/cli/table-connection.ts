import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDynamoStatusStore } from "../store/dynamodb/dynamodb-status-store.ts";
import { DEFAULT_TABLE_NAME } from "../store/embedded.ts";
import { StoreUnavailableError } from "../store/errors.ts";
import { createAesGcmSealer, parseSealingKey, type SecretSealer } from "../store/secret-sealer.ts";
import type { StatusStore } from "../store/status-store.ts";
import { UsageError } from "./command.ts";
import type { CliIo } from "./io.ts";
import { readErrorReason } from "./read-error.ts";

/** The options of every command that talks to the table; spread them into the command's own. */
export const TABLE_OPTIONS = {
  table: { type: "string" },
  "endpoint-url": { type: "string" },
  region: { type: "string" },
  "sealing-key-file": { type: "string" },
} as const;

export const TABLE_OPTIONS_HELP = [
  "table options (every cluster and config command):",
  `  --table NAME              the status table (default ${DEFAULT_TABLE_NAME})`,
  "  --endpoint-url URL        a local table instead of AWS DynamoDB, such as the one `dev` prints",
  "  --region REGION           the AWS region (default $AWS_REGION, else us-east-1)",
  "  --sealing-key-file FILE   the key cluster secrets are sealed with: 32 bytes as base64 or 64 hex",
  "                            digits (default $STATUS_RECORDER_SEALING_KEY); only add and rotate need it",
  "",
  "AWS credentials come from the SDK's usual chain; with --endpoint-url and none in the environment,",
  "fixed local ones are used (a local table accepts any).",
].join("\n");

export const SEALING_KEY_ENV = "STATUS_RECORDER_SEALING_KEY";
const DEFAULT_REGION = "us-east-1";
const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };
const CREDENTIAL_ENV = ["AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE"];

export interface TableOptionValues {
  table?: string | undefined;
  "endpoint-url"?: string | undefined;
  region?: string | undefined;
  "sealing-key-file"?: string | undefined;
}

/**
 * Opens the table the options name, runs `use` with a store over it and closes it again. Commands
 * that seal secrets pass `sealing: true`, so a missing key is reported before anything is written.
 * Table faults become errors that say which table could not be used.
 */
export async function withTable<T>(
  values: TableOptionValues,
  io: CliIo,
  options: { sealing: boolean },
  use: (store: StatusStore) => Promise<T>,
): Promise<T> {
  const tableName = values.table ?? DEFAULT_TABLE_NAME;
  const endpoint = values["endpoint-url"];
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint))
    throw new UsageError(`--endpoint-url must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  const region = values.region || io.env.AWS_REGION || DEFAULT_REGION;
  const sealer = await loadSealer(values["sealing-key-file"], io, options.sealing);
  const client = new DynamoDBClient({
    region,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(endpoint !== undefined && !CREDENTIAL_ENV.some((name) => io.env[name])
      ? { credentials: LOCAL_CREDENTIALS }
      : {}),
  });
  const where = `table "${tableName}" ${endpoint === undefined ? `in ${region}` : `at ${endpoint}`}`;
  try {
    return await use(createDynamoStatusStore({ client, tableName, sealer }));
  } catch (error) {
    throw explainTableError(error, where);
  } finally {
    client.destroy();
  }
}

async function loadSealer(file: string | undefined, io: CliIo, required: boolean): Promise<SecretSealer> {
  const fromEnv = io.env[SEALING_KEY_ENV];
  if (file === undefined && !fromEnv) {
    if (required)
      throw new UsageError(
        `no sealing key: pass --sealing-key-file FILE or set ${SEALING_KEY_ENV} (32 bytes as base64 or 64 hex digits)`,
      );
    return unavailableSealer;
  }
  let text: string;
  let source: string;
  if (file === undefined) {
    text = fromEnv ?? "";
    source = SEALING_KEY_ENV;
  } else {
    source = `--sealing-key-file ${file}`;
    text = await io.readFile(file).catch((error: unknown) => {
      throw new UsageError(`${source}: cannot read: ${readErrorReason(error)}`, { cause: error });
    });
  }
  try {
    return createAesGcmSealer(parseSealingKey(text));
  } catch (error) {
    throw new UsageError(`${source}: ${(error as Error).message}`, { cause: error });
  }
}

// Listing clusters or showing config never opens a secret; if a store call ever does, say what is missing.
const unavailableSealer: SecretSealer = {
  seal: () =>
    Promise.reject(new UsageError(`this needs the sealing key (--sealing-key-file or ${SEALING_KEY_ENV})`)),
  unseal: () =>
    Promise.reject(new UsageError(`this needs the sealing key (--sealing-key-file or ${SEALING_KEY_ENV})`)),
};

function explainTableError(error: unknown, where: string): unknown {
  const name = (error as Error | undefined)?.name;
  if (name === "ResourceNotFoundException")
    return new Error(`${where} does not exist (check --table, --region and --endpoint-url)`, {
      cause: error,
    });
  if (error instanceof StoreUnavailableError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message || error.cause.name}` : "";
    return new Error(`cannot reach ${where}${cause}`, { cause: error });
  }
  if (name === "UnrecognizedClientException" || name === "CredentialsProviderError")
    return new Error(`cannot use ${where}: ${(error as Error).message}`, { cause: error });
  return error;
}
