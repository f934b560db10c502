import { readFile } from "node:fs/promises";
import { text } from "node:stream/consumers";

/** Everything a command touches outside itself, so commands run in tests without a process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  /** The environment variables a command may consult (AWS region, sealing key). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real process: standard streams and the file system. */
export function processIo(): CliIo {
  return {
    stdout: (chunk) => process.stdout.write(chunk),
    stderr: (chunk) => process.stderr.write(chunk),
    readFile: (path) => readFile(path, "utf8"),
    readStdin: () => text(process.stdin),
    env: process.env,
  };
}
