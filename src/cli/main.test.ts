import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { deltaBatch, deploymentEvent, signedRequest } from "../../test/support/signed-request.ts";

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

  it("serves `dev --memory --port 0` on the port it prints and exits 0 on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [BIN, "dev", "--memory", "--port", "0", "--cluster-secret", "spawned=s3cret-0123456789"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = once(child, "exit");
    try {
      const url = await firstUrl(child.stdout);
      const body = JSON.stringify(deltaBatch([deploymentEvent("web", 1)]));
      const { url: target, ...init } = signedRequest(`${url}/v1/clusters/spawned/events`, body, {
        secret: "s3cret-0123456789",
      });

      const res = await fetch(target, init);

      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ accepted: 1 });
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await exited;
    expect(code).toBe(0);
  });
});

/** The URL of dev's first line, `… listening on http://127.0.0.1:PORT`. */
async function firstUrl(stdout: NodeJS.ReadableStream): Promise<string> {
  let seen = "";
  for await (const chunk of stdout) {
    seen += String(chunk);
    const url = seen.match(/listening on (http:\/\/\S+)\n/)?.[1];
    if (url) return url;
  }
  throw new Error(`dev exited before printing its URL: ${seen}`);
}
