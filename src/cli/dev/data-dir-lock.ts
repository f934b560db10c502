import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

const LOCK_FILE = "dev.pid";

/**
 * Claims `dir` for this process by writing its pid there, and returns the release. LevelDB allows
 * one opener per folder, and a second `dev` on the same folder would otherwise die inside dynalite
 * with "Database is closed" instead of saying why.
 */
export async function lockDataDir(dir: string, pid = process.pid): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${pid}\n`, { flag: "wx" });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number((await readFile(path, "utf8").catch(() => "")).trim());
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new Error(
        `${dir} is in use by another status-recorder dev (pid ${holder}): stop it, or pass another --data-dir or --memory (if pid ${holder} is not status-recorder, delete ${path})`,
      );
    }
    // Left behind by a run that did not stop cleanly.
    await rm(path, { force: true });
  }
  throw new Error(`cannot lock ${dir}: ${path} keeps reappearing`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
