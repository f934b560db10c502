import { parseDuration } from "../../config/duration.ts";
import { generateReadToken, hashReadToken } from "../../store/read-token.ts";
import { type Command, parseCommandArgs, singleOperand, UsageError } from "../command.ts";
import type { CliIo } from "../io.ts";
import { TABLE_OPTIONS, TABLE_OPTIONS_HELP, withTable } from "../table-connection.ts";

/** `status-recorder token create NAME [--cluster C]… [--expires 30d]`: a bearer token for the read API. */
export const tokenCreateCommand: Command = {
  name: "create",
  summary: "create a read token for the read API and print it (once)",
  usage: "NAME [--cluster NAME]… [--expires DURATION] [table options]",
  help: [
    "Creates a random bearer token for the read API (metrics, status API, targets) and prints it once.",
    "The table keeps only its SHA-256: it cannot be shown again, only revoked. Clients send it as",
    "`Authorization: Bearer <token>`.",
    "",
    "NAME: 1-63 lowercase letters, digits, '-' or '.'; several tokens may share one (to rotate one,",
    "create its successor, update the clients, then revoke the old one by its id).",
    "",
    "options:",
    "  --cluster NAME         the token may read only this cluster; repeat for several (default: all)",
    "  --expires DURATION     refuse the token after this long: 12h, 30d (default: never)",
    "",
    TABLE_OPTIONS_HELP,
  ].join("\n"),
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...TABLE_OPTIONS,
    cluster: { type: "string", multiple: true },
    expires: { type: "string" },
  });
  const name = singleOperand(positionals, "token NAME");
  const now = new Date();
  const expiresAt = values.expires === undefined ? undefined : expiry(values.expires, now);
  const token = generateReadToken();
  const record = await withTable(values, io, { sealing: false }, (store) =>
    store.createReadToken(hashReadToken(token), { name, clusters: values.cluster, expiresAt }, now),
  );
  const scope = record.clusters ? `clusters ${record.clusters.join(", ")}` : "every cluster";
  const until = record.expiresAt ? `until ${record.expiresAt}` : "with no expiry";
  io.stdout(
    [
      `Created read token "${record.name}" (${record.id}) for ${scope}, ${until}.`,
      "",
      "The token, shown only this once (it can be revoked, never read back):",
      "",
      `  ${token}`,
      "",
      "Send it as: Authorization: Bearer <token>",
      "",
    ].join("\n"),
  );
  return 0;
}

function expiry(text: string, now: Date): Date {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0)
    throw new UsageError(`--expires: expected a duration such as 12h or 30d, got ${JSON.stringify(text)}`);
  return new Date(now.getTime() + ms);
}
