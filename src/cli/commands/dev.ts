import { resolve } from "node:path";
import { type Command, parseCommandArgs, UsageError } from "../command.ts";
import type { ReadAuth } from "../dev/dev-app.ts";
import { type ClusterSecret, type DevOptions, type DevServer, startDev } from "../dev/start-dev.ts";
import type { CliIo } from "../io.ts";
import { shellQuote } from "../shell-quote.ts";
import { waitForStopSignal } from "../stop-signal.ts";

const OPTIONS = {
  port: { type: "string", default: "8787" },
  host: { type: "string", default: "127.0.0.1" },
  "data-dir": { type: "string" },
  memory: { type: "boolean" },
  "cluster-secret": { type: "string", multiple: true },
  "read-token": { type: "string" },
  "no-auth": { type: "boolean" },
} as const;

/**
 * `status-recorder dev`: the backend on this machine until stopped. `waitForStop` is the process edge
 * (signals); tests pass a promise of their own.
 */
export function createDevCommand(waitForStop: () => Promise<string> = waitForStopSignal): Command {
  return {
    name: "dev",
    summary: "run the backend on this machine: embedded table and the apps on one port",
    usage:
      "[--port 8787] [--host 127.0.0.1] [--data-dir DIR | --memory] [--cluster-secret NAME=SECRET]… [--read-token T | --no-auth]",
    help: [
      "Starts an embedded DynamoDB-compatible table and serves the ingest (and, when it lands, the read",
      "API) on one port until SIGINT or SIGTERM. It prints the URL, the table's endpoint and sealing key,",
      "so `status-recorder cluster …` and `config …` work against it as against AWS.",
      "",
      "options:",
      "  --port PORT                   where to listen (default 8787; 0 picks a free port)",
      "  --host HOST                   the address to listen on (default 127.0.0.1)",
      "  --data-dir DIR                keeps the table and its sealing key (sealing.key) in DIR (default .data)",
      "  --memory                      keeps nothing: the table lives in memory, the key in a temporary file",
      "  --cluster-secret NAME=SECRET  registers cluster NAME with SECRET so a relay or test can post",
      "                                (an existing cluster is switched to SECRET at once); repeatable",
      "  --read-token TOKEN            the bearer token reads will need, once the read API is served",
      "  --no-auth                     reads will need no token, once the read API is served",
    ].join("\n"),
    run: (args, io) => run(args, io, waitForStop),
  };
}

export const devCommand = createDevCommand();

async function run(args: readonly string[], io: CliIo, waitForStop: () => Promise<string>): Promise<number> {
  const dev = await startDev(devOptions(args));
  io.stdout(banner(dev));
  const reason = await waitForStop();
  io.stderr(`status-recorder dev: ${reason}, stopping\n`);
  await dev.close();
  return 0;
}

/** The command line as `startDev` options; every unusable argument is a UsageError. */
export function devOptions(args: readonly string[]): DevOptions {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  if (values.memory && values["data-dir"] !== undefined)
    throw new UsageError("--data-dir and --memory cannot be used together");
  if (values["no-auth"] && values["read-token"] !== undefined)
    throw new UsageError("--read-token and --no-auth cannot be used together");
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535)
    throw new UsageError(
      `--port: expected a port number from 0 to 65535, got ${JSON.stringify(values.port)}`,
    );
  const readAuth: ReadAuth | undefined = values["no-auth"]
    ? { disabled: true }
    : values["read-token"] !== undefined
      ? { token: values["read-token"] }
      : undefined;
  return {
    port,
    host: values.host,
    storage: values.memory ? { memory: true } : { dataDir: resolve(values["data-dir"] ?? ".data") },
    clusterSecrets: clusterSecrets(values["cluster-secret"] ?? []),
    ...(readAuth ? { readAuth } : {}),
  };
}

function clusterSecrets(specs: readonly string[]): ClusterSecret[] {
  const parsed = specs.map((spec) => {
    const at = spec.indexOf("=");
    if (at <= 0 || at === spec.length - 1)
      throw new UsageError(`--cluster-secret: expected NAME=SECRET, got ${JSON.stringify(spec)}`);
    return { name: spec.slice(0, at), secret: spec.slice(at + 1) };
  });
  const names = parsed.map((cluster) => cluster.name);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) throw new UsageError(`--cluster-secret: cluster "${repeated}" is given twice`);
  return parsed;
}

function banner(dev: DevServer): string {
  const { storage, clusterSecrets = [] } = dev.options;
  const data = "dataDir" in storage ? `data in ${storage.dataDir}` : "in memory, gone when stopped";
  const admin = `status-recorder cluster list --endpoint-url ${dev.tableEndpoint} --sealing-key-file ${shellQuote(dev.sealingKeyFile)}`;
  return [
    `status-recorder dev: listening on ${dev.url}`,
    `  ingest:       POST ${dev.url}/v1/clusters/{cluster}/events`,
    `  table:        ${dev.tableEndpoint} (table "${dev.tableName}", ${data})`,
    `  sealing key:  ${dev.sealingKeyFile}`,
    ...(clusterSecrets.length > 0 ? [`  clusters:     ${clusterSecrets.map((c) => c.name).join(", ")}`] : []),
    `  admin:        ${admin}`,
    "Stop with Ctrl-C.",
    "",
  ].join("\n");
}
