import type { CliIo } from "./io.ts";

/** Why a file could not be read, in words for a message. */
export function readErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory";
  if (code === "EACCES") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}

/** Reads a file named on the command line, `-` meaning standard input. */
export function readInput(path: string, io: Pick<CliIo, "readFile" | "readStdin">): Promise<string> {
  return path === "-" ? io.readStdin() : io.readFile(path);
}
