import type { ReadTokenRecord } from "../../store/token-store.ts";
import type { Command } from "../command.ts";
import type { CliIo } from "../io.ts";
import { parseListArgs, printList } from "../list-output.ts";
import { TABLE_OPTIONS_HELP, withTable } from "../table-connection.ts";

/** `status-recorder token list [--json]`: read tokens and their state, never their secrets. */
export const tokenListCommand: Command = {
  name: "list",
  summary: "list read tokens: id, name, clusters, expiry and whether revoked (never the token)",
  usage: "[--json] [table options]",
  help: [
    "Prints every read token the table holds: id, name, the clusters it may read, when it was",
    "created, when it expires and whether it is revoked. Expired tokens disappear some time after",
    "their expiry (the table's TTL). The tokens themselves are not stored, so never shown.",
    "",
    "options:",
    "  --json   one JSON array of {id, name, clusters, createdAt, expiresAt, state} (null when absent)",
    "",
    TABLE_OPTIONS_HELP,
  ].join("\n"),
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseListArgs(args);
  const now = new Date();
  const tokens = await withTable(values, io, { sealing: false }, (store) => store.listReadTokens());
  const rows = tokens.map((token) => ({
    id: token.id,
    name: token.name,
    clusters: token.clusters ?? null,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt ?? null,
    state: stateOf(token, now),
  }));
  printList(io, rows, {
    json: values.json,
    empty: "no read tokens (create one with `status-recorder token create NAME`)",
    header: ["ID", "NAME", "CLUSTERS", "CREATED", "EXPIRES", "STATE"],
    cells: (r) => [r.id, r.name, r.clusters?.join(",") ?? "*", r.createdAt, r.expiresAt ?? "never", r.state],
  });
  return 0;
}

function stateOf(token: ReadTokenRecord, now: Date): "active" | "revoked" | "expired" {
  if (token.revoked) return "revoked";
  if (token.expiresAt !== undefined && Date.parse(token.expiresAt) <= now.getTime()) return "expired";
  return "active";
}
