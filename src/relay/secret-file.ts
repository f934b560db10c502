import { readFileSync, statSync } from "node:fs";
import type { Logger } from "./transport/logger.ts";

// An HMAC key much shorter than this can be guessed offline from one signed request.
const MIN_SECRET_LENGTH = 16;

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
  if (secret.length < MIN_SECRET_LENGTH)
    throw new Error(`a secret needs at least ${MIN_SECRET_LENGTH} characters`);
  return secret;
}

function fileVersion(path: string): string {
  const stat = statSync(path);
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
}
