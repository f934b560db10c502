import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeIo } from "../fake-io.ts";
import { runCli } from "../run-cli.ts";
import { createDevCommand, devOptions } from "./dev.ts";

describe("devOptions", () => {
  it("listens on 127.0.0.1:8787 and keeps its data in .data under the working folder by default", () => {
    expect(devOptions([])).toEqual({
      port: 8787,
      host: "127.0.0.1",
      storage: { dataDir: resolve(".data") },
      clusterSecrets: [],
    });
  });

  it("takes every --cluster-secret as NAME=SECRET, the secret possibly holding '='", () => {
    const options = devOptions(["--memory", "--cluster-secret", "a=s3cret", "--cluster-secret", "b=x=y"]);

    expect(options.storage).toEqual({ memory: true });
    expect(options.clusterSecrets).toEqual([
      { name: "a", secret: "s3cret" },
      { name: "b", secret: "x=y" },
    ]);
  });

  it("keeps --read-token and --no-auth for the read app", () => {
    expect(devOptions(["--read-token", "t0ken"]).readAuth).toEqual({ token: "t0ken" });
    expect(devOptions(["--no-auth"]).readAuth).toEqual({ disabled: true });
  });

  it.each([
    [["--memory", "--data-dir", "d"], "--data-dir and --memory cannot be used together"],
    [["--read-token", "t", "--no-auth"], "--read-token and --no-auth cannot be used together"],
    [["--port", "http"], '--port: expected a port number from 0 to 65535, got "http"'],
    [["--port", "70000"], '--port: expected a port number from 0 to 65535, got "70000"'],
    [["--cluster-secret", "nosecret"], '--cluster-secret: expected NAME=SECRET, got "nosecret"'],
    [["--cluster-secret", "a=1", "--cluster-secret", "a=2"], '--cluster-secret: cluster "a" is given twice'],
    [["--kubeconfig", "k"], "Unknown option '--kubeconfig'"],
  ])("refuses %j", (args, message) => {
    expect(() => devOptions(args)).toThrow(message);
  });
});

describe("status-recorder dev", () => {
  it("prints where it serves and how to reach its table, then stops cleanly when told to", async () => {
    const io = fakeIo();
    let stop = () => {};
    const stopped = new Promise<string>((resolve) => {
      stop = () => resolve("SIGTERM");
    });
    const dev = createDevCommand(() => stopped);

    const running = runCli(["dev", "--memory", "--port", "0"], io, [dev]);
    await expect.poll(() => io.out).toContain("Stop with Ctrl-C.");
    stop();

    expect(await running).toBe(0);
    expect(io.out).toMatch(/^status-recorder dev: listening on http:\/\/127\.0\.0\.1:\d+\n/);
    expect(io.out).toMatch(
      /admin: +status-recorder cluster list --endpoint-url http:\/\/127\.0\.0\.1:\d+ --sealing-key-file \S+sealing\.key\n/,
    );
    expect(io.err).toBe("status-recorder dev: SIGTERM, stopping\n");
  });

  it("exits 2 on a relay flag it does not take yet", async () => {
    const io = fakeIo();

    expect(await runCli(["dev", "--replay", "events.ndjson"], io, [createDevCommand()])).toBe(2);
    expect(io.err).toContain("Unknown option '--replay'");
  });
});
