import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/status-recorder.js", import.meta.url));

describe("bin/status-recorder.js", () => {
  it("runs `interpret` on a file and exits 2 when one of its documents is unreadable", () => {
    const dir = mkdtempSync(join(tmpdir(), "status-recorder-cli-"));
    const rules = join(dir, "rules.yaml");
    const objects = join(dir, "objects.yaml");
    writeFileSync(rules, "rules:\n  - {apiVersion: example.com/v1, kind: Widget, health: '\"Suspended\"'}\n");
    writeFileSync(objects, "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n---\n: [\n");

    // process.execPath is the Node running vitest (the project's Node 22), not whatever `node` is on PATH.
    const result = spawnSync(process.execPath, [BIN, "interpret", "--rules", rules, objects], {
      encoding: "utf8",
    });

    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: "Widget", name: "w", health: "Suspended" });
    expect(result.stderr).toContain(`${objects}: document 2: `);
  });
});
