import { ConfigError } from "../../config/errors.ts";
import { parseConfig } from "../../config/load.ts";
import { createInterpreter } from "../../interpret/interpret.ts";
import type { KindInterpreter } from "../../interpret/kind-interpreter.ts";
import { compileRules } from "../../interpret/rules/compile-rule.ts";
import { type Command, parseCommandArgs, UsageError } from "../command.ts";
import type { CliIo } from "../io.ts";
import { interpretText } from "../status-line.ts";

const PREFIX = "status-recorder interpret";

/** `status-recorder interpret [--rules FILE] FILE…`: what the relay would record for each object. */
export const interpretCommand: Command = {
  name: "interpret",
  summary: "print the status of Kubernetes objects read from files, one JSON line each",
  usage: "[--rules FILE] FILE…",
  help: [
    "Reads Kubernetes objects from YAML or JSON files (several documents per file, Lists expanded;",
    "- reads standard input) and prints one JSON line per object: apiVersion, kind, namespace, name,",
    "health, kstatus, message, and phase, components and values when the kind has them.",
    "",
    "options:",
    "  --rules FILE   a config document whose rules: interpret further kinds or override built-in ones",
    "",
    "Exits 2 when a file or document cannot be read (the others are still printed), 1 when an object",
    "cannot be interpreted.",
    "",
    "example:",
    "  kubectl get deployments -A -o yaml | status-recorder interpret -",
  ].join("\n"),
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { rules: { type: "string" } });
  if (positionals.length === 0) throw new UsageError("no input files (use - for standard input)");
  const rules = values.rules === undefined ? [] : await loadRules(values.rules, io);
  if (!rules) return 2;
  const interpret = createInterpreter({ rules });
  const read = inputReader(io);
  let unreadable = false;
  let failed = false;
  for (const file of positionals) {
    const source = file === "-" ? "<stdin>" : file;
    const text = await read(file).catch((error: unknown) => {
      io.stderr(`${PREFIX}: ${source}: cannot read: ${readErrorReason(error)}\n`);
      unreadable = true;
    });
    if (text === undefined) continue;
    const result = interpretText(text, source, interpret);
    if (result.lines.length > 0) io.stdout(`${result.lines.join("\n")}\n`);
    for (const line of [...result.unreadable, ...result.failed]) io.stderr(`${PREFIX}: ${line}\n`);
    unreadable ||= result.unreadable.length > 0;
    failed ||= result.failed.length > 0;
  }
  return unreadable ? 2 : failed ? 1 : 0;
}

/** The compiled rules of a config file, or undefined once stderr says why they cannot be used. */
async function loadRules(path: string, io: CliIo): Promise<KindInterpreter[] | undefined> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    io.stderr(`${PREFIX}: ${path}: cannot read: ${readErrorReason(error)}\n`);
    return undefined;
  }
  try {
    return compileRules(parseConfig(text, path).rules);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`${error.message.replace(/^/gm, `${PREFIX}: `)}\n`);
    return undefined;
  }
}

// Standard input can be read once; a second `-` finds it at its end, as with cat.
function inputReader(io: CliIo): (file: string) => Promise<string> {
  let stdinRead = false;
  return async (file) => {
    if (file !== "-") return io.readFile(file);
    if (stdinRead) return "";
    stdinRead = true;
    return io.readStdin();
  };
}

function readErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory";
  if (code === "EACCES") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
