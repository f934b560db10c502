import { parseDuration } from "../../config/duration.ts";
import { MIN_SECRET_LENGTH } from "../../model/cluster-secret.ts";
import { type Command, parseCommandArgs, singleOperand, UsageError } from "../command.ts";
import type { CliIo } from "../io.ts";
import { generateSecret, readSecretFile, type SecretSource, secretInstructions } from "../relay-secret.ts";
import { TABLE_OPTIONS, TABLE_OPTIONS_HELP, withTable } from "../table-connection.ts";

/** `status-recorder cluster rotate NAME [--grace 1h]`: a new relay secret, the old one kept for a while. */
export const clusterRotateCommand: Command = {
  name: "rotate",
  summary: "give a cluster a new relay secret; the old one stays valid for a grace period",
  usage: "NAME [--grace DURATION] [--secret-file FILE] [table options]",
  help: [
    "Replaces a cluster's relay secret with a new random one, printed once with the kubectl command",
    "that updates the relay's Secret. Batches signed with the old secret are still accepted for the",
    "grace period, so the relay can be updated without losing any; a second rotation ends it early.",
    "",
    "options:",
    "  --grace DURATION     how long the old secret stays valid: 30m, 1h, 2h30m; 0s ends it now (default 1h)",
    `  --secret-file FILE   use the secret in FILE (at least ${MIN_SECRET_LENGTH} characters) instead; it is not printed`,
    "",
    TABLE_OPTIONS_HELP,
  ].join("\n"),
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...TABLE_OPTIONS,
    grace: { type: "string", default: "1h" },
    "secret-file": { type: "string" },
  });
  const name = singleOperand(positionals, "cluster NAME");
  const graceMs = values.grace === "0" ? 0 : parseDuration(values.grace);
  if (graceMs === undefined)
    throw new UsageError(
      `--grace: expected a duration such as 30m, 1h or 0s, got ${JSON.stringify(values.grace)}`,
    );
  const file = values["secret-file"];
  const source: SecretSource = file === undefined ? { generated: generateSecret() } : { file };
  const secret = "generated" in source ? source.generated : await readSecretFile(source.file, io);
  const record = await withTable(values, io, { sealing: true }, (store) =>
    store.rotateClusterSecret(name, secret, new Date(), Math.ceil(graceMs / 1000)),
  );
  const old =
    graceMs > 0 && record.previousValidUntil
      ? `the old one is accepted until ${record.previousValidUntil}`
      : "the old one is no longer accepted";
  io.stdout(`Rotated the secret of cluster "${name}"; ${old}.\n\n${secretInstructions(source, true)}`);
  return 0;
}
