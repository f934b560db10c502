import { type Command, UsageError } from "./command.ts";
import { COMMANDS } from "./commands.ts";
import type { CliIo } from "./io.ts";

const PROGRAM = "status-recorder";
const HELP_FLAGS = new Set(["--help", "-h"]);

/** Runs `status-recorder <command> …` and returns the exit code: 0 ok, 1 failure, 2 usage or input error. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr(overview(commands));
    return 2;
  }
  if (HELP_FLAGS.has(name) || name === "help") {
    const topic = name === "help" ? args[0] : undefined;
    if (topic === undefined) {
      io.stdout(overview(commands));
      return 0;
    }
    return runCli([topic, "--help"], io, commands);
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    const what = name.startsWith("-") ? "option" : "command";
    io.stderr(`${PROGRAM}: unknown ${what} ${JSON.stringify(name)}\n\n${overview(commands)}`);
    return 2;
  }
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

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const rows = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    `usage: ${PROGRAM} <command> [options]`,
    "",
    "commands:",
    ...rows,
    "",
    `Run '${PROGRAM} <command> --help' for a command's options.`,
    "",
  ].join("\n");
}

function usageLine(command: Command): string {
  return `usage: ${PROGRAM} ${command.name} ${command.usage}`;
}

// Anything after `--` is an operand, even if it is spelt like a flag.
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((arg) => HELP_FLAGS.has(arg));
}
