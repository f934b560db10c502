import { type ParseArgsConfig, parseArgs } from "node:util";
import type { CliIo } from "./io.ts";

/** One subcommand of `status-recorder`: a row in the command table (commands.ts). */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Arguments after the command name, as in `[--rules FILE] FILE…`. */
  usage: string;
  /** What `status-recorder <name> --help` prints after the usage line. */
  help: string;
  /** Runs the command and returns its exit code; throws `UsageError` for arguments it cannot use. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A command with subcommands (`status-recorder cluster add`); also a row in the command table. */
export interface CommandGroup {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** What `status-recorder <name> --help` prints after the subcommand list, e.g. options they share. */
  help?: string;
  subcommands: readonly Command[];
}

export type CommandEntry = Command | CommandGroup;

/** Arguments a command cannot use; the dispatcher prints it with the command's usage and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** node:util's parseArgs, strict, with its errors turned into `UsageError`s. */
export function parseCommandArgs<const T extends NonNullable<ParseArgsConfig["options"]>>(
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    // node's message goes on to explain `--`; its first sentence is the part a user needs.
    const message = error instanceof Error ? (error.message.split(". ")[0] ?? error.message) : String(error);
    throw new UsageError(message, { cause: error });
  }
}

/** The one operand a command takes, such as a cluster NAME. */
export function singleOperand(positionals: readonly string[], what: string): string {
  const [operand, ...extra] = positionals;
  if (operand === undefined) throw new UsageError(`missing ${what}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  return operand;
}
