import { parseCommandArgs, UsageError } from "./command.ts";
import type { CliIo } from "./io.ts";
import { TABLE_OPTIONS } from "./table-connection.ts";
import { formatTable } from "./text-table.ts";

/** The arguments of a `… list [--json] [table options]` command, which takes no positionals. */
export function parseListArgs(args: readonly string[]) {
  const { values, positionals } = parseCommandArgs(args, { ...TABLE_OPTIONS, json: { type: "boolean" } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  return values;
}

export interface ListOutput<T> {
  json: boolean | undefined;
  /** Said on stderr instead of an empty table, with how to make the first one. */
  empty: string;
  header: readonly string[];
  cells(row: T): string[];
}

/** Rows as pretty JSON (`--json`) or as a table; an empty list is said on stderr, not printed. */
export function printList<T>(io: CliIo, rows: readonly T[], output: ListOutput<T>): void {
  if (output.json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  else if (rows.length === 0) io.stderr(`${output.empty}\n`);
  else io.stdout(formatTable(output.header, rows.map(output.cells)));
}
