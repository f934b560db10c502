import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { type DevServer, startDev } from "../src/cli/dev/start-dev.ts";
import { loadFixture } from "./support/fixtures.ts";
import { KubeApiServer, kubeconfigYaml } from "./support/kube-api-server/index.ts";

// `status-recorder relay` as the Deployment runs it: its own process, the secret in a file as kubectl
// mounts it (with a trailing newline), an endpoint ending in "/", a Lease in POD_NAMESPACE, and a
// SIGTERM that must end it with exit code 0 once what it queued is sent and its lease released.

const BIN = fileURLToPath(new URL("../bin/status-recorder.js", import.meta.url));
const SECRET = "spawned-relay-secret-0123456789";
const CHECKOUT = { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "checkout-api" };
const LEASE = {
  apiVersion: "coordination.k8s.io/v1",
  kind: "Lease",
  namespace: "status-recorder",
  name: "status-recorder-relay",
};
const eventually = { timeout: 20_000, interval: 100 };

let dir: string;
let server: KubeApiServer;
let dev: DevServer;
let child: ChildProcess | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "status-recorder-relay-process-"));
  // Over TLS with the CA in the kubeconfig file, as the process reaches a real cluster.
  server = await KubeApiServer.start({ bookmarkIntervalMs: 0, tls: true });
  dev = await startDev({
    port: 0,
    host: "127.0.0.1",
    storage: { memory: true },
    clusterSecrets: [{ name: "spawned", secret: SECRET }],
    readAuth: { disabled: true },
  });
});

afterEach(async () => {
  if (child?.exitCode === null) child.kill("SIGKILL");
  await dev.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The JSON log lines the relay wrote so far. */
function logLines(output: string[]): { msg: string; [field: string]: unknown }[] {
  return output
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
}

async function storedHealth(name: string): Promise<string | undefined> {
  const res = await fetch(`${dev.url}/v1/clusters/spawned/objects?kind=Deployment&namespace=shop`);
  const body = (await res.json()) as { items: { name: string; status: { health: string } }[] };
  return body.items.find((item) => item.name === name)?.status.health;
}

test("a relay process sends what it queued, releases its lease and exits 0 on SIGTERM", async () => {
  const kubeconfig = join(dir, "kubeconfig.yaml");
  const secretFile = join(dir, "secret");
  writeFileSync(kubeconfig, kubeconfigYaml(server));
  writeFileSync(secretFile, `${SECRET}\n`);
  server.apply(loadFixture("deployment/available.yaml"));
  const output: string[] = [];
  const args = ["relay", "--endpoint", `${dev.url}/`, "--cluster", "spawned", "--secret-file", secretFile];
  child = spawn(process.execPath, [BIN, ...args, "--kubeconfig", kubeconfig, "--probe-port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, POD_NAMESPACE: "status-recorder", POD_NAME: "relay-0" },
  });
  child.stdout?.on("data", (chunk) => output.push(String(chunk)));
  child.stderr?.on("data", (chunk) => output.push(String(chunk)));
  const exited = once(child, "exit");

  await vi.waitFor(async () => expect(await storedHealth("checkout-api")).toBe("Healthy"), eventually);
  const probes = logLines(output).find((line) => line.msg === "probes listening")?.url as string;
  expect((await fetch(`${probes}/readyz`)).status).toBe(200);
  expect(server.get(LEASE)?.spec).toMatchObject({ holderIdentity: "relay-0" });
  const degraded = loadFixture("deployment/progress-deadline-exceeded.yaml");
  server.updateStatus(CHECKOUT, degraded.status);
  // Stopped as soon as the relay has seen the change, while it most likely still lingers in its queue.
  await vi.waitFor(async () => {
    const metrics = await (await fetch(`${probes}/metrics`)).text();
    expect(metrics).toContain(
      'status_recorder_relay_watch_events_total{kind="apps/Deployment",outcome="sent"} 1',
    );
  }, eventually);
  child.kill("SIGTERM");

  const [code] = await exited;
  expect(code, output.join("")).toBe(0);
  expect(await storedHealth("checkout-api")).toBe("Degraded");
  const messages = logLines(output).map((line) => line.msg);
  expect(messages).toEqual(
    expect.arrayContaining(["stop signal received", "sender flushed and stopped", "relay stopped"]),
  );
  expect(server.get(LEASE)?.spec).toMatchObject({ holderIdentity: "" });
});
