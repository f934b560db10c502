import { readFileSync, statSync } from "node:fs";
import { secretProblem } from "../model/cluster-secret.ts";
import type { Logger } from "./transport/logger.ts";

export interface SecretFileOptions {
  log?: Logger;
  /** For tests: the file's version (changes when the file does) and its text. */
  version?: (path: string) => string;
  read?: (path: string) => string;
}

/**
 * The secret in `path`, read again whenever the file changes: the kubelet swaps a mounted Secret's
 * files in place when it is rotated, so a rotation needs no restart. Trimmed, as `kubectl create
 * secret --from-file` keeps the file's trailing newline. A file that goes missing or turns short
 * mid-rotation keeps the last good secret.
 */
export function secretFromFile(path: string, options: SecretFileOptions = {}): () => string {
  const version = options.version ?? fileVersion;
  const read = options.read ?? ((p: string) => readFileSync(p, "utf8"));
  let seen = version(path);
  let secret = checked(read(path).trim());
  return () => {
    let now: string;
    try {
      now = version(path);
      if (now === seen) return secret;
      const next = read(path).trim();
      seen = now;
      secret = checked(next);
      options.log?.info("relay secret file changed; using the new secret", { file: path });
    } catch (error) {
      options.log?.warn("relay secret file not readable; keeping the last secret", {
        file: path,
        error: String(error),
      });
    }
    return secret;
  };
}

function checked(secret: string): string {
  const problem = secretProblem(secret);
  if (problem) throw new Error(problem);
  return secret;
}

function fileVersion(path: string): string {
  const stat = statSync(path);
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
}
