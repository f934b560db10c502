import type { CliIo } from "./io.ts";

/** A CliIo over in-memory files, stdin and environment that records what a command writes; for tests. */
export function fakeIo(
  files: Record<string, string> = {},
  stdin = "",
  env: Record<string, string> = {},
): CliIo & { out: string; err: string } {
  const io = {
    env,
    out: "",
    err: "",
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
    readFile: async (path: string) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return text;
    },
    readStdin: async () => stdin,
  };
  return io;
}
