import { resolve } from "node:path";
import { CLUSTER_NAME_PATTERN, CLUSTER_NAME_RULE } from "../../http/params.ts";
import { MIN_SECRET_LENGTH, secretProblem } from "../../model/cluster-secret.ts";
import { jsonLogger, type Logger } from "../../relay/transport/index.ts";
import { type Command, parseCommandArgs, UsageError } from "../command.ts";
import type { ReadAuth } from "../dev/dev-app.ts";
import { devBanner } from "../dev/dev-banner.ts";
import { type ClusterSecret, type DevOptions, type DevRelayOptions, startDev } from "../dev/start-dev.ts";
import type { CliIo } from "../io.ts";
import { generateSecret } from "../relay-secret.ts";
import { waitForStopSignal } from "../stop-signal.ts";

const OPTIONS = {
  port: { type: "string", default: "8787" },
  host: { type: "string", default: "127.0.0.1" },
  "data-dir": { type: "string" },
  memory: { type: "boolean" },
  "cluster-secret": { type: "string", multiple: true },
  "read-token": { type: "string" },
  "no-auth": { type: "boolean" },
  kubeconfig: { type: "string" },
  context: { type: "string" },
  cluster: { type: "string" },
  replay: { type: "string" },
} as const;

const DEFAULT_RELAY_CLUSTER = "local";
// Reads from this machine only: no token needed unless asked for.
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * `status-recorder dev`: the backend on this machine until stopped. `waitForStop` is the process edge
 * (signals); tests pass a promise of their own.
 */
export function createDevCommand(waitForStop: () => Promise<string> = waitForStopSignal): Command {
  return {
    name: "dev",
    summary: "run the backend on this machine: embedded table and the apps on one port",
    usage:
      "[--port 8787] [--host 127.0.0.1] [--data-dir DIR | --memory] [--kubeconfig F [--context C] | --replay FILE] [--cluster NAME] [--cluster-secret NAME=SECRET]… [--read-token T | --no-auth]",
    help: [
      "Starts an embedded DynamoDB-compatible table and serves the ingest and the read API on one port",
      "until SIGINT or SIGTERM, optionally with a relay feeding it. It prints the URL, the read URLs to",
      "try, the table's endpoint and sealing key, so `status-recorder cluster …` and `config …` work",
      "against it as against AWS.",
      "",
      "options:",
      "  --port PORT                   where to listen (default 8787; 0 picks a free port)",
      "  --host HOST                   the address to listen on (default 127.0.0.1)",
      "  --data-dir DIR                keeps the table and its sealing key (sealing.key) in DIR (default .data)",
      "  --memory                      keeps nothing: the table lives in memory, the key in a temporary file",
      "  --kubeconfig FILE             runs a relay on that kubeconfig's cluster, posting here (one replica,",
      "                                no leader election; it lists and watches every built-in kind)",
      "  --context NAME                the kubeconfig's context to use instead of its current one",
      "  --replay FILE                 runs a relay replaying FILE instead of watching a cluster: NDJSON watch",
      "                                events, as `kubectl get -w --output-watch-events -o json` prints them",
      `  --cluster NAME                the relay's cluster name (default "${DEFAULT_RELAY_CLUSTER}"); dev registers it`,
      "                                with a secret made for this run",
      "  --cluster-secret NAME=SECRET  registers cluster NAME with SECRET so a relay or test can post",
      `                                (at least ${MIN_SECRET_LENGTH} characters; an existing cluster is switched`,
      "                                to SECRET at once); repeatable",
      "  --read-token TOKEN            the bearer token reads need",
      "  --no-auth                     reads need no token",
      "",
      "Reads without --read-token or --no-auth: on a loopback host (127.0.0.1, ::1, localhost) they need",
      "no token, as only this machine can reach them; on any other host dev makes a token for the run and",
      "prints it. Read tokens in the table (`status-recorder token create`) are for the deployed API.",
    ].join("\n"),
    run: (args, io) => run(args, io, waitForStop),
  };
}

export const devCommand = createDevCommand();

async function run(args: readonly string[], io: CliIo, waitForStop: () => Promise<string>): Promise<number> {
  const dev = await startDev({ ...devOptions(args), relayLogger: stderrLogger(io) });
  io.stdout(devBanner(dev));
  const reason = await waitForStop();
  io.stderr(`status-recorder dev: ${reason}, stopping\n`);
  await dev.close();
  return 0;
}

/**
 * The command line as `startDev` options; every unusable argument is a UsageError. `newToken`
 * makes the read token of a run on a non-loopback host.
 */
export function devOptions(args: readonly string[], newToken: () => string = generateSecret): DevOptions {
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
  const readAuth: ReadAuth = values["no-auth"]
    ? { disabled: true }
    : values["read-token"] !== undefined
      ? { token: values["read-token"] }
      : LOOPBACK.has(values.host)
        ? { disabled: true }
        : { token: newToken() };
  const secrets = clusterSecrets(values["cluster-secret"] ?? []);
  const relay = relayOptions(values);
  if (relay && secrets.some((c) => c.name === relay.cluster))
    throw new UsageError(
      `--cluster-secret: cluster "${relay.cluster}" is the relay's; dev registers it itself (pick another --cluster)`,
    );
  return {
    port,
    host: values.host,
    storage: values.memory ? { memory: true } : { dataDir: resolve(values["data-dir"] ?? ".data") },
    clusterSecrets: secrets,
    readAuth,
    ...(relay ? { relay } : {}),
  };
}

interface RelayFlags {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  cluster?: string | undefined;
  replay?: string | undefined;
}

/** The relay `--kubeconfig` or `--replay` asks for, if either does. */
function relayOptions(flags: RelayFlags): DevRelayOptions | undefined {
  if (flags.kubeconfig !== undefined && flags.replay !== undefined)
    throw new UsageError("--kubeconfig and --replay cannot be used together: the relay has one source");
  if (flags.context !== undefined && flags.kubeconfig === undefined)
    throw new UsageError("--context needs --kubeconfig");
  if (flags.kubeconfig === undefined && flags.replay === undefined) {
    if (flags.cluster !== undefined)
      throw new UsageError("--cluster names the relay of --kubeconfig or --replay");
    return undefined;
  }
  const cluster = flags.cluster ?? DEFAULT_RELAY_CLUSTER;
  if (!CLUSTER_NAME_PATTERN.test(cluster))
    throw new UsageError(`--cluster: ${JSON.stringify(cluster)} is not a cluster name: ${CLUSTER_NAME_RULE}`);
  if (flags.replay !== undefined) return { cluster, replay: resolve(flags.replay) };
  const kubeconfig = { file: resolve(flags.kubeconfig ?? "") };
  return {
    cluster,
    kubeconfig: flags.context === undefined ? kubeconfig : { ...kubeconfig, context: flags.context },
  };
}

/** The relay's warnings and errors as JSON lines on stderr; its routine lines would bury the banner. */
function stderrLogger(io: CliIo): Logger {
  const log = jsonLogger((line) => io.stderr(`${line}\n`));
  return { ...log, debug: () => {}, info: () => {} };
}

function clusterSecrets(specs: readonly string[]): ClusterSecret[] {
  const parsed = specs.map((spec) => {
    const at = spec.indexOf("=");
    if (at <= 0 || at === spec.length - 1)
      throw new UsageError(`--cluster-secret: expected NAME=SECRET, got ${JSON.stringify(spec)}`);
    const name = spec.slice(0, at);
    const problem = secretProblem(spec.slice(at + 1));
    // The secret itself is not echoed: it may be real, and error output ends up in logs.
    if (problem) throw new UsageError(`--cluster-secret: cluster "${name}": ${problem}`);
    return { name, secret: spec.slice(at + 1) };
  });
  const names = parsed.map((cluster) => cluster.name);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) throw new UsageError(`--cluster-secret: cluster "${repeated}" is given twice`);
  return parsed;
}
