import type { ClusterRecord } from "../../store/records.ts";
import { type Command, parseCommandArgs, UsageError } from "../command.ts";
import type { CliIo } from "../io.ts";
import { TABLE_OPTIONS, TABLE_OPTIONS_HELP, withTable } from "../table-connection.ts";
import { formatTable } from "../text-table.ts";

/** `status-recorder cluster list [--json]`: the registered clusters and when their relays were last seen. */
export const clusterListCommand: Command = {
  name: "list",
  summary: "list registered clusters, their relay versions and when they were last seen",
  usage: "[--json] [table options]",
  help: [
    "Prints every registered cluster: name, relay version, when its relay last posted, and the revision",
    "of its desired config. Secrets are never shown.",
    "",
    "options:",
    "  --json   one JSON array of {name, relayVersion, lastSeen, configRevision} (null when never seen)",
    "",
    TABLE_OPTIONS_HELP,
  ].join("\n"),
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...TABLE_OPTIONS, json: { type: "boolean" } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const clusters = await withTable(values, io, { sealing: false }, (store) => store.listClusters());
  // Picked field by field: a record field added later (secret metadata) must not leak into output.
  const rows = clusters.map((cluster: ClusterRecord) => ({
    name: cluster.name,
    relayVersion: cluster.relayVersion ?? null,
    lastSeen: cluster.lastSeen ?? null,
    configRevision: cluster.configRevision,
  }));
  if (values.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (rows.length === 0) {
    io.stderr("no clusters registered (add one with `status-recorder cluster add NAME`)\n");
  } else {
    const cells = rows.map((row) => [
      row.name,
      row.relayVersion ?? "-",
      row.lastSeen ?? "never",
      row.configRevision,
    ]);
    io.stdout(formatTable(["NAME", "RELAY", "LAST SEEN", "CONFIG REVISION"], cells));
  }
  return 0;
}
