import type { CommandEntry } from "./command.ts";
import { clusterCommands } from "./commands/cluster.ts";
import { configCommands } from "./commands/config.ts";
import { devCommand } from "./commands/dev.ts";
import { interpretCommand } from "./commands/interpret.ts";
import { relayCommand } from "./commands/relay.ts";
import { tokenCommands } from "./commands/token.ts";

/** Every `status-recorder` subcommand; adding one is adding a row. */
export const COMMANDS: readonly CommandEntry[] = [
  devCommand,
  relayCommand,
  interpretCommand,
  clusterCommands,
  configCommands,
  tokenCommands,
];
