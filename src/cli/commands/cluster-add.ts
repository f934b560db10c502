import { MIN_SECRET_LENGTH } from "../../model/cluster-secret.ts";
import { type Command, parseCommandArgs, singleOperand } from "../command.ts";
import type { CliIo } from "../io.ts";
import { installSteps, relayOverlay } from "../relay-overlay.ts";
import { generateSecret, readSecretFile, type SecretSource, secretCommand } from "../relay-secret.ts";
import { TABLE_OPTIONS, TABLE_OPTIONS_HELP, withTable } from "../table-connection.ts";

/** `status-recorder cluster add NAME [--secret-file FILE]`: lets a cluster's relay post to the ingest. */
export const clusterAddCommand: Command = {
  name: "add",
  summary: "register a cluster and print its relay secret (once)",
  usage: "NAME [--secret-file FILE] [--endpoint URL] [--image IMAGE] [table options]",
  help: [
    "Registers a cluster so its relay may post. The relay signs every batch with the cluster's secret:",
    "a strong random one is generated and printed once, with exactly what to apply in the cluster: a",
    "kustomize overlay of infra/k8s and the kubectl command that hands the secret to the relay. The",
    "table keeps the secret sealed; it can be rotated, never read back.",
    "",
    "NAME: 1-63 lowercase letters, digits, '-' or '.'; it labels the cluster's metrics.",
    "",
    "options:",
    `  --secret-file FILE   use the secret in FILE (at least ${MIN_SECRET_LENGTH} characters) instead; it is not printed`,
    "  --endpoint URL       the ingest's URL (the stack's IngestUrl output) for the overlay",
    "  --image IMAGE        the relay image for the overlay, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/status-recorder-relay:0.1.0",
    "",
    TABLE_OPTIONS_HELP,
  ].join("\n"),
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...TABLE_OPTIONS,
    "secret-file": { type: "string" },
    endpoint: { type: "string" },
    image: { type: "string" },
  });
  const name = singleOperand(positionals, "cluster NAME");
  const file = values["secret-file"];
  const source: SecretSource = file === undefined ? { generated: generateSecret() } : { file };
  const secret = "generated" in source ? source.generated : await readSecretFile(source.file, io);
  await withTable(values, io, { sealing: true }, (store) => store.createCluster(name, secret, new Date()));
  const shown =
    "generated" in source
      ? `The relay secret, shown only this once (it can be rotated, never read back):\n\n  ${source.generated}\n\n`
      : "";
  const overlay = relayOverlay({ cluster: name, endpoint: values.endpoint, image: values.image });
  io.stdout(
    `Registered cluster "${name}".\n\n${shown}${installSteps(name, overlay, secretCommand(source, false))}`,
  );
  return 0;
}
