import type { KubeConfig } from "@kubernetes/client-node";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { KubeApiServer, kubeconfigFor } from "../../../../test/support/kube-api-server/index.ts";
import { type Config, validateConfig } from "../../../config/index.ts";
import type { ObjectRef, StoredObject } from "../../../store/records.ts";
import { useTestTable } from "../../../store/testing/test-store.ts";
import { createSender, type Sender } from "../../transport/index.ts";
import { type IngestServer, startIngestServer } from "../../transport/testing/ingest-server.ts";
import { metricValue } from "../../transport/testing/metric-value.ts";
import { WatchSet, type WatchSetOptions } from "../watch-set.ts";
import type { WatchTiming } from "../watch-timing.ts";

const SECRET = "watch-harness-s3cret";

/** Short waits everywhere, and pages of two objects so every list is chunked. */
export const FAST_TIMING: WatchTiming = {
  errorRetry: { baseMs: 20, capMs: 200, jitter: 0.5 },
  absentRetry: { baseMs: 100, capMs: 200, jitter: 0 },
  pageSize: 2,
  minWatchTimeoutSeconds: 300,
  maxListRestarts: 3,
};

export interface WatchHarness {
  readonly server: KubeApiServer;
  readonly kubeConfig: KubeConfig;
  readonly cluster: string;
  readonly registry: Registry;
  readonly sender: Sender;
  /** A watch set on the test server, sending through the real sender to the real ingest; stopped after the test. */
  watchSet(config?: unknown, options?: Partial<WatchSetOptions>): WatchSet;
  config(document: unknown): Config;
  stored(ref: ObjectRef): Promise<StoredObject | undefined>;
  metric(name: string, labels?: Record<string, string>): Promise<number>;
}

/**
 * The watch side end to end for a test file: the test API server → watchers → the real sender →
 * the real ingest app → the embedded table. One table and ingest per file, one API server and cluster per test.
 */
export function useWatchHarness(): WatchHarness {
  const table = useTestTable();
  let ingest: IngestServer;
  let current: Omit<WatchHarness, "watchSet" | "config" | "stored" | "metric"> | undefined;
  let sets: WatchSet[] = [];
  beforeAll(async () => {
    ingest = await startIngestServer(table.store);
  });
  afterAll(async () => {
    await ingest.close();
  });
  beforeEach(async () => {
    const server = await KubeApiServer.start({ bookmarkIntervalMs: 0 });
    const cluster = table.cluster();
    await table.store.createCluster(cluster, SECRET, new Date());
    const registry = new Registry();
    const sender = createSender({
      endpoint: ingest.url,
      cluster,
      secret: SECRET,
      version: "0.0.0-test",
      registry,
      limits: { lingerMs: 10 },
      backoff: { baseMs: 20, capMs: 200 },
    });
    current = { server, kubeConfig: kubeconfigFor(server), cluster, registry, sender };
    sets = [];
  });
  afterEach(async () => {
    await Promise.all(sets.map((s) => s.stop()));
    await current?.sender.flush(2_000);
    await current?.server.close();
  });
  const now = () => {
    if (!current) throw new Error("the watch harness runs inside a test only");
    return current;
  };
  const config = (document: unknown) => validateConfig(document, "test config");
  return {
    get server() {
      return now().server;
    },
    get kubeConfig() {
      return now().kubeConfig;
    },
    get cluster() {
      return now().cluster;
    },
    get registry() {
      return now().registry;
    },
    get sender() {
      return now().sender;
    },
    config,
    watchSet(document = {}, options = {}) {
      const { kubeConfig, sender, registry } = now();
      const set = new WatchSet({ kubeConfig, sender, registry, timing: FAST_TIMING, ...options });
      sets.push(set);
      set.apply(config(document));
      return set;
    },
    stored: (ref) => table.store.getObject(now().cluster, ref),
    metric: (name, labels) => metricValue(now().registry, name, labels),
  };
}
