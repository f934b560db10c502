import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestTable } from "../../store/testing/test-store.ts";
import { ManualScheduler } from "../transport/testing/manual-scheduler.ts";
import { recordingLogger } from "../transport/testing/recording-logger.ts";
import { createConfigSync } from "./config-sync.ts";
import type { ConfigSync, ConfigSyncOptions, CurrentConfig } from "./config-sync-api.ts";
import { type ConfigEndpoint, startConfigEndpoint } from "./testing/config-endpoint.ts";
import { type ServedIngest, serveIngest } from "./testing/ingest-with-clock.ts";

// Config sync against the real ingest over HTTP (dynalite behind it), with time moved by hand: the
// ingest reads the same manual clock, so signatures stay inside its window however far time moves.

const table = useTestTable();
const SECRET = "sync-s3cret-0123456789";
const FIVE_MINUTES = 5 * 60_000;
let clock = new ManualScheduler(Date.now());
let ingest: ServedIngest;
let endpoint: ConfigEndpoint;
const syncs: ConfigSync[] = [];

beforeAll(async () => {
  ingest = await serveIngest(table.store, () => clock.now());
  endpoint = await startConfigEndpoint(ingest.url);
});

afterAll(async () => {
  await endpoint.close();
  await ingest.close();
});

beforeEach(() => {
  clock = new ManualScheduler(Date.now());
  endpoint.mode = "pass";
});

afterEach(() => {
  for (const sync of syncs.splice(0)) sync.stop();
});

async function putConfig(cluster: string, document: Record<string, unknown>): Promise<string> {
  await table.store.putConfig({ cluster }, JSON.stringify(document), document, new Date(clock.now()));
  return (await table.store.getEffectiveConfig(cluster)).revision;
}

async function relay(document?: Record<string, unknown>, options: Partial<ConfigSyncOptions> = {}) {
  const cluster = table.cluster();
  await table.store.createCluster(cluster, SECRET, new Date(clock.now()));
  const revision = document ? await putConfig(cluster, document) : undefined;
  const applied: CurrentConfig[] = [];
  const logger = recordingLogger();
  const sync = createConfigSync({
    endpoint: endpoint.url,
    cluster,
    secret: SECRET,
    scheduler: clock,
    random: () => 0.5,
    logger,
    onConfig: (current) => applied.push(current),
    ...options,
  });
  syncs.push(sync);
  const requests = () => endpoint.requests.filter((r) => r.path === `/v1/clusters/${cluster}/config`);
  return { cluster, revision, sync, applied, logger, requests };
}

async function fallbackFile(yaml: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), "config-sync-")), "fallback.yaml");
  await writeFile(file, yaml);
  return file;
}

describe("config sync at start", () => {
  it("runs with the backend's config, naming its source and revision", async () => {
    const { sync, revision, applied } = await relay({ staleAfter: "2m" });

    const current = await sync.start();

    expect(current).toMatchObject({ revision, source: "backend", config: { staleAfter: 120_000 } });
    expect(applied).toEqual([current]);
  });

  it("runs with the local file when the backend cannot be reached", async () => {
    const file = await fallbackFile("watch:\n  - {apiVersion: apps/v1, kind: Deployment}\n");
    const { sync } = await relay({}, { fallbackFile: file });
    endpoint.mode = "refuse";

    const current = await sync.start();

    expect(current).toMatchObject({ source: "file", revision: "" });
    expect(current.config.watch).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", namespaces: [], labelSelector: "" },
    ]);
    expect(sync.lastError?.kind).toBe("unreachable");
  });

  it("runs with the built-in defaults, watching every built-in kind, without a file", async () => {
    const { sync } = await relay({});
    endpoint.mode = { status: 503 };

    const current = await sync.start();

    expect(current.source).toBe("default");
    expect(current.config.watch).toBeUndefined();
  });

  it("runs with the defaults and reports the file when the fallback file is invalid", async () => {
    const file = await fallbackFile("staleAfter: soon\n");
    const { sync, logger } = await relay({}, { fallbackFile: file });
    endpoint.mode = "refuse";

    const current = await sync.start();

    expect(current.source).toBe("default");
    expect(sync.lastError).toMatchObject({ kind: "invalid", issues: [{ where: "staleAfter" }] });
    expect(logger.lines.some((l) => l.level === "error" && String(l.fields.file) === file)).toBe(true);
  });

  it("falls back when the backend serves an invalid document", async () => {
    const { sync, revision } = await relay({ staleAfter: "soon" });

    const current = await sync.start();

    expect(current.source).toBe("default");
    expect(sync.lastError).toMatchObject({ kind: "invalid", revision });
  });
});

describe("config sync while running", () => {
  it("asks with the last ETag, and a 304 changes nothing", async () => {
    const { sync, revision, applied, requests } = await relay({ staleAfter: "2m" });
    await sync.start();

    sync.requestRefresh();
    await sync.idle();

    expect(requests()[1]).toMatchObject({ ifNoneMatch: `"${revision}"`, status: 304 });
    expect(applied).toHaveLength(1);
  });

  it("applies a new revision when the sender asks for it", async () => {
    const { sync, cluster, applied } = await relay({ staleAfter: "2m" });
    await sync.start();
    const next = await putConfig(cluster, { staleAfter: "7m" });

    sync.requestRefresh(next);
    await sync.idle();

    expect(sync.current()).toMatchObject({
      revision: next,
      source: "backend",
      config: { staleAfter: 420_000 },
    });
    expect(applied.map((c) => c.config.staleAfter)).toEqual([120_000, 420_000]);
  });

  it("ignores a refresh for the revision it already runs", async () => {
    const { sync, revision, requests } = await relay({ staleAfter: "2m" });
    await sync.start();

    sync.requestRefresh(revision);
    await sync.idle();

    expect(requests()).toHaveLength(1);
  });

  it("coalesces refreshes asked while a request is in flight into one follow-up", async () => {
    const { sync, requests } = await relay({});
    await sync.start();

    for (let i = 0; i < 5; i++) sync.requestRefresh();
    await sync.idle();

    expect(requests()).toHaveLength(3);
  });

  it("checks again every five minutes", async () => {
    const { sync, cluster, applied } = await relay({ staleAfter: "2m" });
    await sync.start();
    const next = await putConfig(cluster, { staleAfter: "9m" });

    await clock.advance(FIVE_MINUTES);
    await sync.idle();

    expect(applied.map((c) => c.revision)).toContain(next);
  });

  it("keeps the running config when the backend serves an invalid one, and says why", async () => {
    const { sync, cluster, applied, logger } = await relay({ staleAfter: "2m" });
    const running = await sync.start();
    const broken = await putConfig(cluster, { staleAfter: "soon" });

    sync.requestRefresh(broken);
    await sync.idle();

    expect(sync.current()).toBe(running);
    expect(applied).toHaveLength(1);
    expect(sync.lastError).toMatchObject({
      kind: "invalid",
      revision: broken,
      issues: [{ where: "staleAfter" }],
    });
    expect(logger.lines.find((l) => l.level === "error")?.fields.problems).toMatch(/staleAfter/);
  });

  it("does not fetch again a revision it refused", async () => {
    const { sync, cluster, requests } = await relay({});
    await sync.start();
    const broken = await putConfig(cluster, { staleAfter: "soon" });
    sync.requestRefresh(broken);
    await sync.idle();

    sync.requestRefresh(broken);
    await sync.idle();

    expect(requests()).toHaveLength(2);
  });

  it("keeps running when applying a config throws", async () => {
    const { sync, cluster, logger } = await relay(
      {},
      {
        onConfig: () => {
          throw new Error("watchers refused");
        },
      },
    );
    await sync.start();
    const next = await putConfig(cluster, { staleAfter: "1m" });

    sync.requestRefresh(next);
    await sync.idle();

    expect(sync.current()?.revision).toBe(next);
    expect(logger.lines.filter((l) => l.msg === "applying the new config failed")).toHaveLength(2);
  });

  it("stops asking once stopped", async () => {
    const { sync, requests } = await relay({});
    await sync.start();

    sync.stop();
    await clock.advance(3 * FIVE_MINUTES);

    expect(requests()).toHaveLength(1);
    expect(clock.pendingDelays()).toEqual([]);
  });
});

describe("config sync when the backend fails", () => {
  it("retries with growing backoff, then switches to the backend's config", async () => {
    const { sync, revision, applied } = await relay({ staleAfter: "2m" });
    endpoint.mode = "refuse";
    await sync.start();
    expect(clock.pendingDelays()).toEqual([750, FIVE_MINUTES]);
    await clock.advance(750);
    await sync.idle();
    expect(clock.pendingDelays()[0]).toBe(1_500);

    endpoint.mode = "pass";
    await clock.advance(1_500);
    await sync.idle();

    expect(applied.map((c) => c.source)).toEqual(["default", "backend"]);
    expect(sync.current()?.revision).toBe(revision);
    expect(sync.status()).toMatchObject({ lastError: undefined, consecutiveFailures: 0 });
  });

  it("leaves the retry to the regular check when the backoff would reach past it", async () => {
    const { sync } = await relay({}, { backoff: { baseMs: 200_000 } });
    endpoint.mode = "refuse";
    await sync.start();
    expect(clock.pendingDelays()).toEqual([150_000, FIVE_MINUTES]);

    await clock.advance(150_000);
    await sync.idle();

    expect(clock.pendingDelays()).toEqual([150_000]);
  });

  it("waits as long as Retry-After asks", async () => {
    const { sync } = await relay({});
    endpoint.mode = { status: 503, retryAfter: "120" };

    await sync.start();

    expect(clock.pendingDelays()).toEqual([120_000, FIVE_MINUTES]);
  });

  it("clears the outage once the backend answers 304", async () => {
    const { sync, applied } = await relay({});
    await sync.start();
    endpoint.mode = "refuse";
    sync.requestRefresh();
    await sync.idle();
    expect(sync.lastError?.kind).toBe("unreachable");

    endpoint.mode = "pass";
    await clock.advance(750);
    await sync.idle();

    expect(sync.lastError).toBeUndefined();
    expect(applied).toHaveLength(1);
  });
});
