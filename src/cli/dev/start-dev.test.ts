import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { deltaBatch, deploymentEvent, signedRequest } from "../../../test/support/signed-request.ts";
import { familyKey } from "../../metrics/custom-keys.ts";
import { createDynamoStatusStore } from "../../store/dynamodb/dynamodb-status-store.ts";
import { createAesGcmSealer, parseSealingKey } from "../../store/secret-sealer.ts";
import { type DevOptions, type DevServer, startDev } from "./start-dev.ts";

const running: DevServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((dev) => dev.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), "status-recorder-dev-test-"));
  dirs.push(dir);
  return join(dir, ".data");
}

async function start(options: Partial<DevOptions> = {}) {
  const dev = await startDev({ port: 0, host: "127.0.0.1", storage: { memory: true }, ...options });
  running.push(dev);
  return dev;
}

async function stop(dev: DevServer) {
  running.splice(running.indexOf(dev), 1);
  await dev.close();
}

function post(dev: DevServer, cluster: string, secret: string, rv = 1) {
  const body = JSON.stringify(deltaBatch([deploymentEvent("web", rv)]));
  const { url, ...init } = signedRequest(`${dev.url}/v1/clusters/${cluster}/events`, body, { secret });
  return fetch(url, init);
}

/** A store over the dev table, as an admin command opens it: by endpoint and sealing key file. */
function adminStore(dev: DevServer) {
  const client = new DynamoDBClient({
    endpoint: dev.tableEndpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const sealer = createAesGcmSealer(parseSealingKey(readFileSync(dev.sealingKeyFile, "utf8")));
  return { store: createDynamoStatusStore({ client, tableName: dev.tableName, sealer }), client };
}

describe("startDev", () => {
  it("stores a signed batch from a cluster registered with a cluster secret", async () => {
    const dev = await start({ clusterSecrets: [{ name: "kind-dev", secret: "s3cret-0123456789" }] });

    const res = await post(dev, "kind-dev", "s3cret-0123456789");

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 1, stale: 0 });
    const { store, client } = adminStore(dev);
    const stored = await store.listObjects("kind-dev");
    client.destroy();
    expect(stored.items.map((object) => object.name)).toEqual(["web"]);
  });

  it("serves the custom metric families of the fleet config an admin applied to its table", async () => {
    const dev = await start({
      clusterSecrets: [{ name: "kind-dev", secret: "s3cret-0123456789" }],
      readAuth: { disabled: true },
    });
    const event = deploymentEvent("web", 1);
    event.status.values = { [familyKey("deployment_replicas")]: 3 };
    const body = JSON.stringify(deltaBatch([event]));
    const { url, ...init } = signedRequest(`${dev.url}/v1/clusters/kind-dev/events`, body, {
      secret: "s3cret-0123456789",
    });
    expect((await fetch(url, init)).status).toBe(200);
    const family = {
      name: "deployment_replicas",
      help: "Replicas of a Deployment.",
      type: "gauge",
      kind: "Deployment",
      value: "values.replicas",
    };
    const { store, client } = adminStore(dev);
    await store.putConfig({}, "metrics: [...]", { metrics: [family] }, new Date());
    client.destroy();

    const metrics = await (await fetch(`${dev.url}/metrics`)).text();

    expect(metrics).toContain("# TYPE deployment_replicas gauge");
    expect(metrics).toContain(
      'deployment_replicas{cluster="kind-dev",group="apps",kind="Deployment",namespace="default",name="web"} 3',
    );
  });

  it("refuses a batch signed with another secret", async () => {
    const dev = await start({ clusterSecrets: [{ name: "kind-dev", secret: "s3cret-0123456789" }] });

    expect((await post(dev, "kind-dev", "guessed")).status).toBe(401);
  });

  it("keeps the sealing key and clusters in its data folder across restarts", async () => {
    const storage = { dataDir: dataDir() };
    const first = await start({ storage, clusterSecrets: [{ name: "a", secret: "s3cret-0123456789" }] });
    const key = readFileSync(first.sealingKeyFile, "utf8");
    await stop(first);

    const second = await start({ storage });

    expect(second.sealingKeyFile).toBe(join(storage.dataDir, "sealing.key"));
    expect(readFileSync(second.sealingKeyFile, "utf8")).toBe(key);
    expect((await post(second, "a", "s3cret-0123456789")).status).toBe(200);
  });

  it("switches a registered cluster to a new cluster secret at once", async () => {
    const storage = { dataDir: dataDir() };
    await stop(await start({ storage, clusterSecrets: [{ name: "a", secret: "old-secret-0123456789" }] }));

    const dev = await start({ storage, clusterSecrets: [{ name: "a", secret: "new-secret-0123456789" }] });

    expect((await post(dev, "a", "old-secret-0123456789")).status).toBe(401);
    expect((await post(dev, "a", "new-secret-0123456789")).status).toBe(200);
  });

  it("refuses a data folder another dev is using", async () => {
    const storage = { dataDir: dataDir() };
    await start({ storage });

    await expect(start({ storage })).rejects.toThrow("is in use by another status-recorder dev");
  });

  it("removes the temporary sealing key of an in-memory run when closed", async () => {
    const dev = await start();
    expect(existsSync(dev.sealingKeyFile)).toBe(true);

    await stop(dev);

    expect(existsSync(dev.sealingKeyFile)).toBe(false);
  });

  it("fails with a clear message when the port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;

    await expect(start({ port })).rejects.toThrow(`port ${port} on 127.0.0.1 is in use`);

    blocker.close();
  });
});
