import { randomBytes } from "node:crypto";
import { secretProblem } from "../model/cluster-secret.ts";
import { UsageError } from "./command.ts";
import type { CliIo } from "./io.ts";
import { readErrorReason } from "./read-error.ts";
import { shellQuote } from "./shell-quote.ts";

const SECRET_BYTES = 32;
const KUBE_SECRET = "kubectl create secret generic status-recorder-relay -n status-recorder";

/** A relay secret: 32 random bytes, base64url, so it pastes into shells and YAML unquoted. */
export function generateSecret(random: (size: number) => Uint8Array = randomBytes): string {
  return Buffer.from(random(SECRET_BYTES)).toString("base64url");
}

/** The secret `--secret-file` names, without the line ending editors and `openssl rand` add. */
export async function readSecretFile(path: string, io: CliIo): Promise<string> {
  const text = await io.readFile(path).catch((error: unknown) => {
    throw new UsageError(`--secret-file ${path}: cannot read: ${readErrorReason(error)}`, { cause: error });
  });
  const secret = text.trim();
  const problem = secretProblem(secret);
  if (problem) throw new UsageError(`--secret-file ${path}: ${problem}`);
  return secret;
}

/** The kubectl command that hands the secret to the relay (creating, or replacing, its Secret). */
export function secretCommand(source: SecretSource, replace: boolean): string {
  const from =
    "generated" in source
      ? `--from-literal=secret=${source.generated}`
      : `--from-file=secret=${shellQuote(source.file)}`;
  return replace
    ? `${KUBE_SECRET} ${from} --dry-run=client -o yaml | kubectl apply -f -`
    : `${KUBE_SECRET} ${from}`;
}

/** Where a cluster's secret came from: made here (print it, once) or read from a file (never echo it). */
export type SecretSource = { generated: string } | { file: string };

/**
 * What to tell the operator after a secret is stored: the secret itself only when it was generated
 * (it is never shown again), and the command that hands it to the relay. `replace` updates an
 * existing Kubernetes Secret instead of creating one.
 */
export function secretInstructions(source: SecretSource, replace: boolean): string {
  const kubectl = secretCommand(source, replace);
  const lines =
    "generated" in source
      ? [
          "The relay secret, shown only this once (it can be rotated, never read back):",
          "",
          `  ${source.generated}`,
          "",
        ]
      : [];
  return [...lines, `Give it to the cluster's relay:`, "", `  ${kubectl}`, ""].join("\n");
}
