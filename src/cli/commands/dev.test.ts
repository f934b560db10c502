import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../command.ts";
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
      readAuth: { disabled: true },
    });
  });

  it("needs no read token on a loopback host, and makes one for the run on any other", () => {
    expect(devOptions(["--host", "::1"]).readAuth).toEqual({ disabled: true });
    expect(devOptions(["--host", "0.0.0.0"], () => "made-for-this-run").readAuth).toEqual({
      token: "made-for-this-run",
    });
  });

  it("runs a relay replaying a file as cluster local, its path resolved", () => {
    expect(devOptions(["--replay", "events.ndjson"]).relay).toEqual({
      cluster: "local",
      replay: resolve("events.ndjson"),
    });
  });

  it("runs a relay on a kubeconfig's context under the cluster name given", () => {
    expect(
      devOptions(["--kubeconfig", "kc.yaml", "--context", "kind-a", "--cluster", "kind-a"]).relay,
    ).toEqual({
      cluster: "kind-a",
      kubeconfig: { file: resolve("kc.yaml"), context: "kind-a" },
    });
  });

  it("takes every --cluster-secret as NAME=SECRET, the secret possibly holding '='", () => {
    const options = devOptions([
      "--memory",
      "--cluster-secret",
      "a=s3cret-0123456789",
      "--cluster-secret",
      "b=x=y-0123456789abcdef",
    ]);

    expect(options.storage).toEqual({ memory: true });
    expect(options.clusterSecrets).toEqual([
      { name: "a", secret: "s3cret-0123456789" },
      { name: "b", secret: "x=y-0123456789abcdef" },
    ]);
  });

  it("refuses an 8-character --cluster-secret, saying the minimum without echoing the secret", () => {
    expect(() => devOptions(["--cluster-secret", "edge=8-chars!"])).toThrow(
      new UsageError(
        '--cluster-secret: cluster "edge": a secret needs at least 16 characters, this one has 8',
      ),
    );
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
    [
      ["--cluster-secret", "a=s3cret-0123456789", "--cluster-secret", "a=s3cret-9876543210"],
      '--cluster-secret: cluster "a" is given twice',
    ],
    [["--kubeconfig", "k", "--replay", "r"], "--kubeconfig and --replay cannot be used together"],
    [["--context", "c"], "--context needs --kubeconfig"],
    [["--cluster", "c"], "--cluster names the relay of --kubeconfig or --replay"],
    [["--replay", "r", "--cluster", "Not_A_Name"], '--cluster: "Not_A_Name" is not a cluster name'],
    [["--replay", "r", "--cluster-secret", "local=s3cret-0123456789"], 'cluster "local" is the relay\'s'],
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

  it("prints the read URLs to try, for the relay's cluster, with the token reads need", async () => {
    const io = fakeIo();
    const dev = createDevCommand(async () => "SIGTERM");

    await runCli(
      [
        "dev",
        "--memory",
        "--port",
        "0",
        "--read-token",
        "t0ken",
        "--cluster-secret",
        "a=s3cret-a-0123456789",
      ],
      io,
      [dev],
    );

    expect(io.out).toContain("reads:        need the bearer token t0ken\n");
    expect(io.out).toMatch(
      /try: +curl -H 'Authorization: Bearer t0ken' http:\/\/127\.0\.0\.1:\d+\/v1\/clusters\n +curl -H 'Authorization: Bearer t0ken' http:\/\/127\.0\.0\.1:\d+\/v1\/clusters\/a\/objects\n/,
    );
  });

  it("exits 2 before starting anything when a --cluster-secret is too short", async () => {
    const io = fakeIo();

    const code = await runCli(["dev", "--memory", "--port", "0", "--cluster-secret", "edge=8-chars!"], io, [
      createDevCommand(async () => "SIGTERM"),
    ]);

    expect(code).toBe(2);
    expect(io.err).toContain("a secret needs at least 16 characters, this one has 8");
    expect(io.err).not.toContain("8-chars!");
    expect(io.out).toBe("");
  });

  it("exits 1 with the reason when the replay file cannot be read", async () => {
    const io = fakeIo();

    const code = await runCli(
      ["dev", "--memory", "--port", "0", "--replay", "/nonexistent/events.ndjson"],
      io,
      [createDevCommand(async () => "SIGTERM")],
    );

    expect(code).toBe(1);
    expect(io.err).toContain("--replay /nonexistent/events.ndjson: cannot read: no such file");
  });
});
