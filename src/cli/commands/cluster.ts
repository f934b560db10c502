import type { CommandGroup } from "../command.ts";
import { TABLE_OPTIONS_HELP } from "../table-connection.ts";
import { clusterAddCommand } from "./cluster-add.ts";
import { clusterListCommand } from "./cluster-list.ts";
import { clusterRemoveCommand } from "./cluster-remove.ts";
import { clusterRotateCommand } from "./cluster-rotate.ts";

/** `status-recorder cluster …`: the clusters whose relays may post, and their secrets. */
export const clusterCommands: CommandGroup = {
  name: "cluster",
  summary: "register, list, rotate the secret of, and remove clusters",
  help: TABLE_OPTIONS_HELP,
  subcommands: [clusterAddCommand, clusterListCommand, clusterRotateCommand, clusterRemoveCommand],
};
