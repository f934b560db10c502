import { type Command, type CommandEntry, type CommandGroup, UsageError } from "./command.ts";
import { COMMANDS } from "./commands.ts";
import type { CliIo } from "./io.ts";

const PROGRAM = "status-recorder";
const HELP_FLAGS = new Set(["--help", "-h"]);

/** Runs `status-recorder <command> …` and returns the exit code: 0 ok, 1 failure, 2 usage or input error. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CommandEntry[] = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(overview(commands));
    return 2;
  }
  if (HELP_FLAGS.has(name) || name === "help") {
    if (name !== "help" || rest.length === 0) {
      io.stdout(overview(commands));
      return 0;
    }
    return runCli([...rest, "--help"], io, commands);
  }
  const entry = commands.find((candidate) => candidate.name === name);
  if (!entry) {
    const what = name.startsWith("-") ? "option" : "command";
    io.stderr(`${PROGRAM}: unknown ${what} ${JSON.stringify(name)}\n\n${overview(commands)}`);
    return 2;
  }
  const resolved =
    "subcommands" in entry ? resolveSubcommand(entry, rest, io) : { command: entry, args: rest };
  if (typeof resolved === "number") return resolved;
  const { command, args } = resolved;
  if (asksForHelp(args)) {
    io.stdout(`${usageLine(command)}\n\n${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${PROGRAM} ${command.name}: ${error.message}\n${usageLine(command)}\n`);
      return 2;
    }
    io.stderr(`${PROGRAM} ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** The subcommand `args` name, renamed `group sub` for messages; or the exit code once that is settled. */
function resolveSubcommand(
  group: CommandGroup,
  args: readonly string[],
  io: CliIo,
): { command: Command; args: readonly string[] } | number {
  const [name, ...rest] = args;
  if (name === undefined) {
    io.stderr(groupOverview(group));
    return 2;
  }
  if (HELP_FLAGS.has(name) || name === "help") {
    io.stdout(groupOverview(group));
    return 0;
  }
  const command = group.subcommands.find((candidate) => candidate.name === name);
  if (!command) {
    const what = name.startsWith("-") ? "option" : "command";
    io.stderr(`${PROGRAM} ${group.name}: unknown ${what} ${JSON.stringify(name)}\n\n${groupOverview(group)}`);
    return 2;
  }
  return { command: { ...command, name: `${group.name} ${command.name}` }, args: rest };
}

function overview(commands: readonly CommandEntry[]): string {
  return [
    `usage: ${PROGRAM} <command> [options]`,
    "",
    "commands:",
    ...commandRows(commands),
    "",
    `Run '${PROGRAM} <command> --help' for a command's options.`,
    "",
  ].join("\n");
}

function groupOverview(group: CommandGroup): string {
  return [
    `usage: ${PROGRAM} ${group.name} <command> [options]`,
    "",
    "commands:",
    ...commandRows(group.subcommands),
    ...(group.help ? ["", group.help] : []),
    "",
    `Run '${PROGRAM} ${group.name} <command> --help' for a command's options.`,
    "",
  ].join("\n");
}

function commandRows(commands: readonly CommandEntry[]): string[] {
  const width = Math.max(...commands.map((command) => command.name.length));
  return commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
}

function usageLine(command: Command): string {
  return `usage: ${PROGRAM} ${command.name} ${command.usage}`;
}

// Anything after `--` is an operand, even if it is spelt like a flag.
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((arg) => HELP_FLAGS.has(arg));
}
