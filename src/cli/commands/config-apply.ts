import { parseDocument } from "yaml";
import { ConfigError } from "../../config/errors.ts";
import { parseConfig } from "../../config/load.ts";
import { ClusterNotFoundError } from "../../store/errors.ts";
import type { ConfigScope } from "../../store/records.ts";
import { type Command, parseCommandArgs, singleOperand } from "../command.ts";
import type { CliIo } from "../io.ts";
import { readErrorReason, readInput } from "../read-error.ts";
import { TABLE_OPTIONS, TABLE_OPTIONS_HELP, withTable } from "../table-connection.ts";

const PREFIX = "status-recorder config apply";

/** `status-recorder config apply FILE [--cluster NAME]`: the desired relay config, validated first. */
export const configApplyCommand: Command = {
  name: "apply",
  summary: "validate a config document and store it as the fleet default or a cluster's override",
  usage: "FILE [--cluster NAME] [table options]",
  help: [
    "Validates FILE (YAML or JSON, one document; - reads standard input) and stores it: as the fleet",
    "default, or with --cluster as that cluster's override, which replaces the default key by key",
    "(an override with `watch:` replaces the whole watch list). Nothing is stored when the document",
    "has errors; each names the file, the rule and the field. Relays fetch their new config after",
    "their next batch.",
    "",
    "options:",
    "  --cluster NAME   store an override for this registered cluster",
    "",
    TABLE_OPTIONS_HELP,
  ].join("\n"),
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...TABLE_OPTIONS, cluster: { type: "string" } });
  const file = singleOperand(positionals, "config FILE (- for standard input)");
  const source = file === "-" ? "<stdin>" : file;
  let text: string;
  try {
    text = await readInput(file, io);
    parseConfig(text, source);
  } catch (error) {
    const message =
      error instanceof ConfigError ? error.message : `${source}: cannot read: ${readErrorReason(error)}`;
    io.stderr(`${message.replace(/^/gm, `${PREFIX}: `)}\n`);
    return 1;
  }
  const scope: ConfigScope = values.cluster === undefined ? {} : { cluster: values.cluster };
  const message = await withTable(values, io, { sealing: false }, async (store) => {
    const cluster = scope.cluster;
    if (cluster === undefined) {
      const stored = await store.putConfig(scope, text, asWritten(text), new Date());
      return `Stored the fleet default config, revision ${stored.revision}.`;
    }
    if (!(await store.getCluster(cluster))) throw new ClusterNotFoundError(cluster);
    const stored = await store.putConfig(scope, text, asWritten(text), new Date());
    const effective = await store.getEffectiveConfig(cluster);
    return `Stored the config override of cluster "${cluster}", revision ${stored.revision}; its effective config is revision ${effective.revision}.`;
  });
  io.stdout(`${message}\n`);
  return 0;
}

// The document as written, not with defaults filled in: an override that spelt out every default
// would replace the fleet default's keys it never mentioned.
function asWritten(text: string): Record<string, unknown> {
  const document: unknown = parseDocument(text).toJS();
  return document !== null && typeof document === "object" ? (document as Record<string, unknown>) : {};
}
