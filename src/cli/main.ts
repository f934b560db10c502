// The `status-recorder` command (bin/status-recorder.js imports this file through tsx).
import { processIo } from "./io.ts";
import { runCli } from "./run-cli.ts";

// `status-recorder interpret … | head` closes stdout early; that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processIo());
