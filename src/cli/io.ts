import { readFile } from "node:fs/promises";
import { text } from "node:stream/consumers";

/** Everything a command touches outside itself, so commands run in tests without a process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
}

/** The real process: standard streams and the file system. */
export function processIo(): CliIo {
  return {
    stdout: (chunk) => process.stdout.write(chunk),
    stderr: (chunk) => process.stderr.write(chunk),
    readFile: (path) => readFile(path, "utf8"),
    readStdin: () => text(process.stdin),
  };
}
