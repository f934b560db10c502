import { type Command, parseCommandArgs, singleOperand } from "../command.ts";
import type { CliIo } from "../io.ts";
import { TABLE_OPTIONS, TABLE_OPTIONS_HELP, withTable } from "../table-connection.ts";

/** `status-recorder cluster remove NAME`: the cluster's relay can no longer post. */
export const clusterRemoveCommand: Command = {
  name: "remove",
  summary: "unregister a cluster (its recorded objects stay readable)",
  usage: "NAME [table options]",
  help: [
    "Unregisters a cluster and deletes its config override: from now on its relay's batches are",
    "refused (401). What was already recorded for it stays readable.",
    "",
    TABLE_OPTIONS_HELP,
  ].join("\n"),
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, TABLE_OPTIONS);
  const name = singleOperand(positionals, "cluster NAME");
  await withTable(values, io, { sealing: false }, (store) => store.removeCluster(name));
  io.stdout(`Removed cluster "${name}"; its relay's batches are refused from now on.\n`);
  return 0;
}
