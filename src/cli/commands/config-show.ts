import { stringify } from "yaml";
import { ClusterNotFoundError } from "../../store/errors.ts";
import { type Command, parseCommandArgs, UsageError } from "../command.ts";
import type { CliIo } from "../io.ts";
import { TABLE_OPTIONS, TABLE_OPTIONS_HELP, withTable } from "../table-connection.ts";

/** `status-recorder config show [--cluster NAME] [--effective]`: what is stored, or what a relay gets. */
export const configShowCommand: Command = {
  name: "show",
  summary: "print the stored fleet default or cluster override, or a cluster's effective config",
  usage: "[--cluster NAME] [--effective] [table options]",
  help: [
    "Prints the stored config text exactly as it was applied (its revision goes to standard error),",
    "so it can be edited and applied again. With --effective, prints the document a cluster's relay",
    "receives (the fleet default with the cluster's override merged in) as YAML, headed by its revision.",
    "",
    "options:",
    "  --cluster NAME   the override of this cluster instead of the fleet default",
    "  --effective      the merged document of --cluster NAME",
    "",
    TABLE_OPTIONS_HELP,
  ].join("\n"),
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...TABLE_OPTIONS,
    cluster: { type: "string" },
    effective: { type: "boolean" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const cluster = values.cluster;
  if (values.effective) {
    if (cluster === undefined)
      throw new UsageError(
        "--effective needs --cluster NAME: it merges the fleet default with that cluster's override",
      );
    const effective = await withTable(values, io, { sealing: false }, async (store) => {
      if (!(await store.getCluster(cluster))) throw new ClusterNotFoundError(cluster);
      return store.getEffectiveConfig(cluster);
    });
    io.stdout(`# effective config of cluster "${cluster}", revision ${effective.revision}\n`);
    io.stdout(stringify(effective.document));
    return 0;
  }
  const stored = await withTable(values, io, { sealing: false }, (store) =>
    store.getConfig(cluster === undefined ? {} : { cluster }),
  );
  const what = cluster === undefined ? "fleet default config" : `config override for cluster "${cluster}"`;
  if (!stored) {
    io.stderr(`status-recorder config show: no ${what} is stored\n`);
    return 1;
  }
  io.stdout(stored.raw.endsWith("\n") || stored.raw === "" ? stored.raw : `${stored.raw}\n`);
  io.stderr(`# ${what}, revision ${stored.revision}, applied ${stored.updatedAt}\n`);
  return 0;
}
