import { type Command, parseCommandArgs, singleOperand } from "../command.ts";
import type { CliIo } from "../io.ts";
import { generateSecret, readSecretFile, type SecretSource, secretInstructions } from "../relay-secret.ts";
import { TABLE_OPTIONS, TABLE_OPTIONS_HELP, withTable } from "../table-connection.ts";

/** `status-recorder cluster add NAME [--secret-file FILE]`: lets a cluster's relay post to the ingest. */
export const clusterAddCommand: Command = {
  name: "add",
  summary: "register a cluster and print its relay secret (once)",
  usage: "NAME [--secret-file FILE] [table options]",
  help: [
    "Registers a cluster so its relay may post. The relay signs every batch with the cluster's secret:",
    "a strong random one is generated and printed once, with the kubectl command that hands it to the",
    "relay. The table keeps it sealed; it can be rotated, never read back.",
    "",
    "NAME: 1-63 lowercase letters, digits, '-' or '.'; it labels the cluster's metrics.",
    "",
    "options:",
    "  --secret-file FILE   use the secret in FILE (at least 16 characters) instead; it is not printed",
    "",
    TABLE_OPTIONS_HELP,
  ].join("\n"),
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...TABLE_OPTIONS,
    "secret-file": { type: "string" },
  });
  const name = singleOperand(positionals, "cluster NAME");
  const file = values["secret-file"];
  const source: SecretSource = file === undefined ? { generated: generateSecret() } : { file };
  const secret = "generated" in source ? source.generated : await readSecretFile(source.file, io);
  await withTable(values, io, { sealing: true }, (store) => store.createCluster(name, secret, new Date()));
  io.stdout(`Registered cluster "${name}".\n\n${secretInstructions(source, false)}`);
  return 0;
}
