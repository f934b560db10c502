import type { Command } from "./command.ts";
import { interpretCommand } from "./commands/interpret.ts";

/** Every `status-recorder` subcommand; adding one is adding a row. */
export const COMMANDS: readonly Command[] = [interpretCommand];
