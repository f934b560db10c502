import { type Command, parseCommandArgs, singleOperand } from "../command.ts";
import type { CliIo } from "../io.ts";
import { TABLE_OPTIONS, TABLE_OPTIONS_HELP, withTable } from "../table-connection.ts";

/** `status-recorder token revoke NAME|ID`: the token is refused from now on (after the read cache). */
export const tokenRevokeCommand: Command = {
  name: "revoke",
  summary: "revoke a read token by id, or every read token of a name",
  usage: "NAME|ID [table options]",
  help: [
    "Revokes the read token with this id (rt_…, as `token list` shows it), or every unrevoked read",
    "token with this name. A read function that verified the token within the last minute keeps",
    "accepting it for the rest of that minute: its cache of verified tokens lasts 60 s.",
    "",
    TABLE_OPTIONS_HELP,
  ].join("\n"),
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, TABLE_OPTIONS);
  const target = singleOperand(positionals, "token NAME or ID");
  const revoked = await withTable(values, io, { sealing: false }, (store) =>
    store.revokeReadTokens(target, new Date()),
  );
  for (const record of revoked) io.stdout(`Revoked read token "${record.name}" (${record.id}).\n`);
  return 0;
}
