import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kubeconfigYaml } from "../../../test/support/kube-api-server/index.ts";
import { fakeIo } from "../fake-io.ts";
import { runCli } from "../run-cli.ts";
import { createRelayCommand, relayArgs } from "./relay.ts";

const REQUIRED = ["--endpoint", "https://ingest.example/", "--cluster", "edge-1", "--secret-file", "/s"];

describe("relayArgs", () => {
  it("takes the Deployment's arguments, with probes on 9090 and leader election on by default", () => {
    expect(relayArgs(REQUIRED)).toEqual({
      endpoint: "https://ingest.example/",
      cluster: "edge-1",
      secretFile: "/s",
      kube: {},
      probePort: 9090,
      leaderElection: true,
    });
  });

  it("takes a fallback config, a kubeconfig context, a probe port and no leader election", () => {
    const args = [...REQUIRED, "--config", "c.yaml", "--kubeconfig", "k", "--context", "kind-a"];

    expect(relayArgs([...args, "--probe-port", "0", "--no-leader-election"])).toMatchObject({
      configFile: "c.yaml",
      kube: { file: "k", context: "kind-a" },
      probePort: 0,
      leaderElection: false,
    });
  });

  it.each([
    [["--cluster", "c", "--secret-file", "s"], "missing --endpoint URL"],
    [["--endpoint", "https://x", "--secret-file", "s"], "missing --cluster NAME"],
    [["--endpoint", "https://x", "--cluster", "c"], "missing --secret-file FILE"],
    [
      [...REQUIRED.slice(2), "--endpoint", "ingest.example"],
      '--endpoint: expected an http(s) URL, got "ingest.example"',
    ],
    [
      [...REQUIRED.slice(0, 2), "--cluster", "Edge_1", ...REQUIRED.slice(4)],
      '"Edge_1" is not a cluster name',
    ],
    [
      [...REQUIRED, "--probe-port", "99999"],
      '--probe-port: expected a port number from 0 to 65535, got "99999"',
    ],
  ])("refuses %j", (args, message) => {
    expect(() => relayArgs(args)).toThrow(message);
  });
});

describe("status-recorder relay", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "status-recorder-relay-cli-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 2 naming the secret file it cannot read", async () => {
    const io = fakeIo();

    const code = await runCli(["relay", ...REQUIRED.slice(0, 4), "--secret-file", join(dir, "absent")], io, [
      createRelayCommand(),
    ]);

    expect(code).toBe(2);
    expect(io.err).toContain(`--secret-file ${join(dir, "absent")}: cannot read: no such file`);
  });

  it("stops cleanly, exit 0, when told to while still reaching for an ingest that is down", async () => {
    const kubeconfig = join(dir, "kubeconfig");
    const secret = join(dir, "secret");
    writeFileSync(kubeconfig, kubeconfigYaml({ url: "http://127.0.0.1:9", token: "t" }));
    writeFileSync(secret, "relay-secret-0123456789\n");
    const io = fakeIo();
    const args = ["--endpoint", "http://127.0.0.1:9/", "--cluster", "edge-1", "--secret-file", secret];

    const code = await runCli(
      ["relay", ...args, "--kubeconfig", kubeconfig, "--probe-port", "0", "--no-leader-election"],
      io,
      [createRelayCommand(async () => "SIGTERM")],
    );

    expect(code).toBe(0);
    const messages = io.out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).msg);
    expect(messages[0]).toBe("relay starting");
    expect(messages).toContain("stop signal received");
    expect(messages.at(-1)).toBe("relay stopped");
  });
});
