import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lockDataDir } from "./data-dir-lock.ts";

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), "status-recorder-lock-"));
  dirs.push(dir);
  return dir;
}

describe("lockDataDir", () => {
  it("writes this process's pid and removes it on release", async () => {
    const dir = dataDir();

    const release = await lockDataDir(dir);
    expect(readFileSync(join(dir, "dev.pid"), "utf8")).toBe(`${process.pid}\n`);
    await release();

    expect(existsSync(join(dir, "dev.pid"))).toBe(false);
  });

  it("refuses a folder a running process holds, naming its pid", async () => {
    const dir = dataDir();
    await lockDataDir(dir);

    await expect(lockDataDir(dir)).rejects.toThrow(
      `${dir} is in use by another status-recorder dev (pid ${process.pid})`,
    );
  });

  it("takes over a lock left by a process that is gone", async () => {
    const dir = dataDir();
    writeFileSync(join(dir, "dev.pid"), "2147483646\n");

    await lockDataDir(dir, 42);

    expect(readFileSync(join(dir, "dev.pid"), "utf8")).toBe("42\n");
  });
});
