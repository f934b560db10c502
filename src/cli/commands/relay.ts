import { CLUSTER_NAME_PATTERN, CLUSTER_NAME_RULE } from "../../http/params.ts";
import {
  contextNamespace,
  KubeConfigError,
  type KubeConfigSource,
  loadKubeConfig,
} from "../../relay/kube-config.ts";
import { leaderIdentity, podNamespace } from "../../relay/leader/index.ts";
import { createRelay, type RelayOptions } from "../../relay/relay.ts";
import { secretFromFile } from "../../relay/secret-file.ts";
import { jsonLogger, type Logger } from "../../relay/transport/index.ts";
import { type Command, parseCommandArgs, UsageError } from "../command.ts";
import type { CliIo } from "../io.ts";
import { readErrorReason } from "../read-error.ts";
import { waitForStopSignal } from "../stop-signal.ts";

const OPTIONS = {
  endpoint: { type: "string" },
  cluster: { type: "string" },
  "secret-file": { type: "string" },
  config: { type: "string" },
  kubeconfig: { type: "string" },
  context: { type: "string" },
  "probe-port": { type: "string", default: "9090" },
  "no-leader-election": { type: "boolean" },
} as const;

/** The command line, checked; what `run` turns into a relay. */
export interface RelayArgs {
  endpoint: string;
  cluster: string;
  secretFile: string;
  configFile?: string;
  kube: KubeConfigSource;
  probePort: number;
  leaderElection: boolean;
}

/** `status-recorder relay`: the in-cluster process. `waitForStop` is the process edge (signals). */
export function createRelayCommand(waitForStop: () => Promise<string> = waitForStopSignal): Command {
  return {
    name: "relay",
    summary: "watch a cluster and send its objects' status transitions to the ingest",
    usage:
      "--endpoint URL --cluster NAME --secret-file FILE [--config FILE] [--kubeconfig FILE] [--context C] [--probe-port 9090] [--no-leader-election]",
    help: [
      "Lists and watches the cluster's objects, interprets their status and posts each transition,",
      "signed with the cluster's secret, to the ingest until SIGINT or SIGTERM; then it sends what is",
      "queued (up to 10 s), releases its lease and exits 0. Logs are JSON lines on stdout.",
      "",
      "options:",
      "  --endpoint URL          the ingest's base URL (the stack's IngestUrl output, or dev's URL)",
      "  --cluster NAME          the name given to `status-recorder cluster add`",
      "  --secret-file FILE      the cluster's secret (surrounding whitespace ignored); read again when",
      "                          the file changes, so a rotated Kubernetes Secret needs no restart",
      "  --config FILE           config to run with while the ingest cannot be reached at start",
      "                          (default: the built-in config, every built-in kind)",
      "  --kubeconfig FILE       the cluster to watch (default: KUBECONFIG, ~/.kube/config, or the",
      "                          pod's service account when run in a cluster)",
      "  --context NAME          a context of the kubeconfig other than its current one",
      "  --probe-port PORT       where /healthz, /readyz and /metrics answer (default 9090; 0: any free port)",
      "  --no-leader-election    send without competing for the Lease (one replica only); by default",
      "                          replicas elect a leader through a Lease in POD_NAMESPACE (else the",
      "                          service account's or the context's namespace, else default)",
    ].join("\n"),
    run: (args, io) => run(args, io, waitForStop),
  };
}

export const relayCommand = createRelayCommand();

/** The command line as `RelayArgs`; every unusable argument is a UsageError. */
export function relayArgs(args: readonly string[]): RelayArgs {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const endpoint = required(values.endpoint, "--endpoint URL");
  const cluster = required(values.cluster, "--cluster NAME");
  const secretFile = required(values["secret-file"], "--secret-file FILE");
  if (!isHttpUrl(endpoint))
    throw new UsageError(`--endpoint: expected an http(s) URL, got ${JSON.stringify(endpoint)}`);
  if (!CLUSTER_NAME_PATTERN.test(cluster))
    throw new UsageError(`--cluster: ${JSON.stringify(cluster)} is not a cluster name: ${CLUSTER_NAME_RULE}`);
  const probePort = Number(values["probe-port"]);
  if (!/^\d+$/.test(values["probe-port"]) || probePort > 65_535)
    throw new UsageError(
      `--probe-port: expected a port number from 0 to 65535, got ${JSON.stringify(values["probe-port"])}`,
    );
  const kube: KubeConfigSource = {};
  if (values.kubeconfig !== undefined) kube.file = values.kubeconfig;
  if (values.context !== undefined) kube.context = values.context;
  return {
    endpoint,
    cluster,
    secretFile,
    ...(values.config === undefined ? {} : { configFile: values.config }),
    kube,
    probePort,
    leaderElection: !values["no-leader-election"],
  };
}

async function run(args: readonly string[], io: CliIo, waitForStop: () => Promise<string>): Promise<number> {
  const parsed = relayArgs(args);
  const logger = jsonLogger((line) => io.stdout(`${line}\n`));
  const relay = createRelay(relayOptions(parsed, io, logger));
  // Listening from the start: a pod stopped while it is still starting must stop cleanly too.
  const stopSignal = waitForStop();
  const started = relay.start();
  try {
    await Promise.race([started, stopSignal]);
  } catch (error) {
    await relay.stop();
    throw error;
  }
  logger.info("stop signal received", { signal: await stopSignal });
  await relay.stop();
  await started.catch(() => undefined);
  return 0;
}

function relayOptions(parsed: RelayArgs, io: CliIo, logger: Logger): RelayOptions {
  const secret = secretFile(parsed.secretFile, logger);
  let kubeConfig: ReturnType<typeof loadKubeConfig>;
  try {
    kubeConfig = loadKubeConfig(parsed.kube);
  } catch (error) {
    if (error instanceof KubeConfigError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
  const namespace = podNamespace(io.env) ?? contextNamespace(kubeConfig) ?? "default";
  return {
    kubeConfig,
    endpoint: parsed.endpoint,
    cluster: parsed.cluster,
    secret,
    ...(parsed.configFile ? { fallbackConfigFile: parsed.configFile } : {}),
    leaderElection: parsed.leaderElection ? { namespace, identity: leaderIdentity(io.env) } : false,
    probePort: parsed.probePort,
    logger,
  };
}

function secretFile(path: string, log: Logger): () => string {
  try {
    return secretFromFile(path, { log });
  } catch (error) {
    const unreadable = (error as NodeJS.ErrnoException).code !== undefined;
    throw new UsageError(
      `--secret-file ${path}: ${unreadable ? "cannot read: " : ""}${readErrorReason(error)}`,
      {
        cause: error,
      },
    );
  }
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === "") throw new UsageError(`missing ${what}`);
  return value;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
