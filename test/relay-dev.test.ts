import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, vi } from "vitest";
import { createDevCommand } from "../src/cli/commands/dev.ts";
import { fakeIo } from "../src/cli/fake-io.ts";
import { runCli } from "../src/cli/run-cli.ts";
import { loadFixture } from "./support/fixtures.ts";
import { KubeApiServer, kubeconfigYaml } from "./support/kube-api-server/index.ts";
import { expectedHistories } from "./support/stream-history.ts";

// `dev` with a relay: replaying the sample stream (`npm start`, no cluster needed) or watching a
// kubeconfig's cluster, into its own ingest; what it records is readable at once through the read
// API, with no token on 127.0.0.1.

const SAMPLE = fileURLToPath(new URL("../examples/sample-stream.ndjson", import.meta.url));

/** Each object the sample stream names, and whether its last event deleted it. */
function sampleObjects(): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const line of readFileSync(SAMPLE, "utf8").split("\n").filter(Boolean)) {
    const { type, object } = JSON.parse(line) as {
      type: string;
      object: { kind: string; metadata: { namespace?: string; name: string } };
    };
    out.set(`${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`, type === "DELETED");
  }
  return out;
}

/** Runs `dev ARGS…` in-process until `stop` is called; resolves its URL once it prints it. */
async function runDev(args: string[], storage: string[] = ["--memory"]) {
  const io = fakeIo();
  let stop = (_: string) => {};
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  const running = runCli(["dev", ...storage, "--port", "0", ...args], io, [createDevCommand(() => stopped)]);
  await vi.waitFor(() => expect(io.out).toContain("Stop with Ctrl-C."), { timeout: 20_000 });
  const url = io.out.match(/listening on (http:\/\/\S+)\n/)?.[1] ?? "";
  const exit = () => {
    stop("SIGTERM");
    return running;
  };
  return { io, url, stop: exit };
}

interface ObjectItem {
  kind: string;
  namespace: string;
  name: string;
  status: { health: string };
}

test("dev --replay makes the sample stream's objects readable under cluster local", async () => {
  const dev = await runDev(["--replay", SAMPLE]);
  const expected = sampleObjects();

  const items = await vi.waitFor(
    async () => {
      const res = await fetch(`${dev.url}/v1/clusters/local/objects?limit=100`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: ObjectItem[] };
      expect(body.items).toHaveLength(expected.size);
      return body.items;
    },
    { timeout: 20_000, interval: 100 },
  );

  expect(await dev.stop()).toBe(0);
  for (const item of items) {
    const deleted = expected.get(`${item.kind}/${item.namespace}/${item.name}`);
    expect(deleted, `${item.kind} ${item.name}`).toBeDefined();
    if (deleted) expect(item.status.health).toBe("Missing");
    else expect(item.status.health).not.toBe("Missing");
  }
  expect(dev.io.out).toContain(`relay:        cluster "local", replaying ${SAMPLE}`);
  expect(dev.io.out).toMatch(/try: +curl http:\/\/127\.0\.0\.1:\d+\/v1\/clusters\n/);
});

test("dev --kubeconfig records the cluster's objects under the --cluster name", async () => {
  const server = await KubeApiServer.start({ bookmarkIntervalMs: 0 });
  const dir = mkdtempSync(join(tmpdir(), "status-recorder-dev-kubeconfig-"));
  const kubeconfig = join(dir, "kubeconfig");
  writeFileSync(kubeconfig, kubeconfigYaml(server, { name: "kind-dev" }));
  server.apply(loadFixture("deployment/available.yaml"));
  try {
    const dev = await runDev(["--kubeconfig", kubeconfig, "--context", "kind-dev", "--cluster", "kind-dev"]);

    await vi.waitFor(
      async () => {
        const res = await fetch(`${dev.url}/v1/clusters/kind-dev/objects?kind=Deployment`);
        const body = (await res.json()) as { items: ObjectItem[] };
        expect(body.items.map((item) => `${item.name}: ${item.status.health}`)).toEqual([
          "checkout-api: Healthy",
        ]);
      },
      { timeout: 20_000, interval: 100 },
    );

    expect(await dev.stop()).toBe(0);
    expect(dev.io.out).toContain(
      `relay:        cluster "kind-dev", watching ${kubeconfig} (context kind-dev)`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** `kind/namespace/name: health` of every object of cluster local, sorted. */
async function healthOf(url: string): Promise<string[]> {
  const res = await fetch(`${url}/v1/clusters/local/objects?limit=100`);
  const body = (await res.json()) as { items: ObjectItem[] };
  return body.items.map((i) => `${i.kind}/${i.namespace}/${i.name}: ${i.status.health}`).sort();
}

/** Replays the sample stream once into `storage`, and returns what the read API holds once it settles. */
async function replayed(storage: string[], expected?: string[]): Promise<string[]> {
  const dev = await runDev(["--replay", SAMPLE], storage);
  const objects = sampleObjects().size;
  let last: string[] = [];
  let stableSince = Date.now();
  const state = await vi.waitFor(
    async () => {
      const now = await healthOf(dev.url);
      if (JSON.stringify(now) !== JSON.stringify(last)) stableSince = Date.now();
      last = now;
      expect(now).toHaveLength(objects);
      if (expected) expect(now).toEqual(expected);
      // Nothing changed for 2 s: the replay (as fast as it reads) and its sends are done.
      else expect(Date.now() - stableSince).toBeGreaterThan(2_000);
      return now;
    },
    { timeout: 30_000, interval: 200 },
  );
  expect(await dev.stop()).toBe(0);
  return state;
}

test("two dev --data-dir runs over the same stream end in the state of one --memory run", async () => {
  const dir = mkdtempSync(join(tmpdir(), "status-recorder-dev-restart-"));
  try {
    const once = await replayed(["--memory"]);
    expect(once).toContain("ReplicaSet/shop/cart-84c6d5b7f9: Healthy");

    await replayed(["--data-dir", dir], once);
    const again = await replayed(["--data-dir", dir]);

    expect(again).toEqual(once);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

interface HistoryItem {
  to: { health: string; kstatus: string };
}

test("dev --replay records every transition the sample stream passes through, in order", async () => {
  const dev = await runDev(["--replay", SAMPLE]);
  const expected = expectedHistories(SAMPLE);
  const historyOf = async (objectKey: string): Promise<HistoryItem[]> => {
    const res = await fetch(
      `${dev.url}/v1/clusters/local/history?objectKey=${encodeURIComponent(objectKey)}`,
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: HistoryItem[] }).items.reverse();
  };
  // The stream's last object is the last to arrive: once it is stored, every earlier one is too.
  await vi.waitFor(
    async () => {
      for (const [key, statuses] of expected) expect(await historyOf(key), key).toHaveLength(statuses.length);
    },
    { timeout: 20_000, interval: 200 },
  );
  for (const [key, statuses] of expected) {
    const history = await historyOf(key);
    const seen = history.map((t) => `${t.to.health}/${t.to.kstatus}`);
    expect(seen, key).toEqual(statuses.map((s) => `${s.health}/${s.kstatus}`));
  }
  expect(await dev.stop()).toBe(0);
  // The stream holds a crash loop and its recovery, a pool update and a metric change: at least
  // three objects pass through more than one status.
  const changing = [...expected.values()].filter((statuses) => statuses.length > 2);
  expect(changing.length).toBeGreaterThanOrEqual(3);
});
