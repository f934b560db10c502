import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseSealingKey } from "../../store/secret-sealer.ts";
import { loadOrCreateSealingKey } from "./sealing-key-file.ts";

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function keyPath() {
  const dir = mkdtempSync(join(tmpdir(), "status-recorder-key-"));
  dirs.push(dir);
  return join(dir, "sealing.key");
}

describe("loadOrCreateSealingKey", () => {
  it("creates a 32-byte key readable only by its owner", async () => {
    const path = keyPath();

    const key = await loadOrCreateSealingKey(path);

    expect(parseSealingKey(readFileSync(path, "utf8"))).toEqual(new Uint8Array(key));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("returns the key already in the file", async () => {
    const path = keyPath();
    const first = await loadOrCreateSealingKey(path);

    expect(await loadOrCreateSealingKey(path, () => new Uint8Array(32).fill(7))).toEqual(
      new Uint8Array(first),
    );
  });

  it("names the file when it holds no usable key", async () => {
    const path = keyPath();
    writeFileSync(path, "not a key\n");

    await expect(loadOrCreateSealingKey(path)).rejects.toThrow(`${path}: the sealing key must be 32 bytes`);
  });
});
