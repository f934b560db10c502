import type { CommandGroup } from "../command.ts";
import { TABLE_OPTIONS_HELP } from "../table-connection.ts";
import { tokenCreateCommand } from "./token-create.ts";
import { tokenListCommand } from "./token-list.ts";
import { tokenRevokeCommand } from "./token-revoke.ts";

/** `status-recorder token …`: bearer tokens for the read API. */
export const tokenCommands: CommandGroup = {
  name: "token",
  summary: "create, list and revoke read tokens for the read API",
  help: TABLE_OPTIONS_HELP,
  subcommands: [tokenCreateCommand, tokenListCommand, tokenRevokeCommand],
};
