import type { CommandGroup } from "../command.ts";
import { TABLE_OPTIONS_HELP } from "../table-connection.ts";
import { configApplyCommand } from "./config-apply.ts";
import { configShowCommand } from "./config-show.ts";

/** `status-recorder config …`: the desired relay config the backend serves each cluster. */
export const configCommands: CommandGroup = {
  name: "config",
  summary: "apply or show the relays' desired config (fleet default and per-cluster overrides)",
  help: TABLE_OPTIONS_HELP,
  subcommands: [configApplyCommand, configShowCommand],
};
