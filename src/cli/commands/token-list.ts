import type { ReadTokenRecord } from "../../store/token-store.ts";
import { type Command, parseCommandArgs, UsageError } from "../command.ts";
import type { CliIo } from "../io.ts";
import { TABLE_OPTIONS, TABLE_OPTIONS_HELP, withTable } from "../table-connection.ts";
import { formatTable } from "../text-table.ts";

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
  const { values, positionals } = parseCommandArgs(args, { ...TABLE_OPTIONS, json: { type: "boolean" } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
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
  if (values.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (rows.length === 0) {
    io.stderr("no read tokens (create one with `status-recorder token create NAME`)\n");
  } else {
    const cells = rows.map((r) => [
      r.id,
      r.name,
      r.clusters?.join(",") ?? "*",
      r.createdAt,
      r.expiresAt ?? "never",
      r.state,
    ]);
    io.stdout(formatTable(["ID", "NAME", "CLUSTERS", "CREATED", "EXPIRES", "STATE"], cells));
  }
  return 0;
}

function stateOf(token: ReadTokenRecord, now: Date): "active" | "revoked" | "expired" {
  if (token.revoked) return "revoked";
  if (token.expiresAt !== undefined && Date.parse(token.expiresAt) <= now.getTime()) return "expired";
  return "active";
}
