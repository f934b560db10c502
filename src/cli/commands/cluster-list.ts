import type { ClusterRecord } from "../../store/records.ts";
import type { Command } from "../command.ts";
import type { CliIo } from "../io.ts";
import { parseListArgs, printList } from "../list-output.ts";
import { TABLE_OPTIONS_HELP, withTable } from "../table-connection.ts";

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
  const values = parseListArgs(args);
  const clusters = await withTable(values, io, { sealing: false }, (store) => store.listClusters());
  // Picked field by field: a record field added later (secret metadata) must not leak into output.
  const rows = clusters.map((cluster: ClusterRecord) => ({
    name: cluster.name,
    relayVersion: cluster.relayVersion ?? null,
    lastSeen: cluster.lastSeen ?? null,
    configRevision: cluster.configRevision,
  }));
  printList(io, rows, {
    json: values.json,
    empty: "no clusters registered (add one with `status-recorder cluster add NAME`)",
    header: ["NAME", "RELAY", "LAST SEEN", "CONFIG REVISION"],
    cells: (row) => [row.name, row.relayVersion ?? "-", row.lastSeen ?? "never", row.configRevision],
  });
  return 0;
}
