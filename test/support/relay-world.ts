import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from "vitest";
import { createRelay, type Relay } from "../../src/relay/relay.ts";
import type { ClusterRelayOptions } from "../../src/relay/relay-options.ts";
import { silentLogger } from "../../src/relay/transport/index.ts";
import { type IngestServer, startIngestServer } from "../../src/relay/transport/testing/ingest-server.ts";
import { useTestTable } from "../../src/store/testing/test-store.ts";
import { KubeApiServer, kubeconfigFor } from "./kube-api-server/index.ts";
import { type FrontProxy, startFrontProxy } from "./relay-front-proxy.ts";

const SECRET = "relay-e2e-secret-0123456789";

/** Waits short enough for tests, in the same shape as production's. */
const FAST = {
  sender: { limits: { lingerMs: 20 }, backoff: { baseMs: 20, capMs: 200, maxRetryAfterMs: 200 } },
  configSync: { backoff: { baseMs: 20, capMs: 200 } },
  watch: {
    timing: {
      errorRetry: { baseMs: 20, capMs: 200, jitter: 0.5 },
      absentRetry: { baseMs: 2_000, capMs: 5_000, jitter: 0.2 },
      pageSize: 25,
    },
  },
} satisfies Partial<ClusterRelayOptions>;

/** Lease timings short enough for a test to see a leader go and another take over. */
export const fastElection = (identity: string) => ({
  namespace: "status-recorder",
  identity,
  leaseDurationSeconds: 2,
  renewIntervalMs: 300,
  renewDeadlineMs: 1_000,
  retryPeriodMs: 200,
});

export interface RelayWorld {
  readonly server: KubeApiServer;
  readonly cluster: string;
  readonly table: ReturnType<typeof useTestTable>;
  /** The ingest app on a real port, over the test table. */
  readonly ingestUrl: string;
  /** A relay on the test server posting to the ingest (or `endpoint`); stopped after the test. */
  relay(options?: Partial<ClusterRelayOptions>): Relay;
  /** A proxy in front of the ingest that can be switched off; closed after the test. */
  frontProxy(): Promise<FrontProxy>;
  /**
   * Resolves once the test server has a watch open on each kind. A relay's `start` resolves before
   * its first lists, and on a loaded machine those can take longer than a test's churn: a fault
   * injected into watches before this would hit none.
   */
  watching(kinds: readonly string[]): Promise<void>;
}

/**
 * The relay end to end for a test file: the test API server → a real relay → the ingest app on a
 * real port → the embedded table. One table and ingest per file; one API server and cluster per test.
 */
export function useRelayWorld(): RelayWorld {
  const table = useTestTable();
  let ingest: IngestServer | undefined;
  let server: KubeApiServer | undefined;
  let cluster = "";
  const relays: Relay[] = [];
  const proxies: FrontProxy[] = [];
  beforeAll(async () => {
    ingest = await startIngestServer(table.store);
  });
  afterAll(async () => {
    await ingest?.close();
  });
  beforeEach(async () => {
    server = await KubeApiServer.start({ bookmarkIntervalMs: 0 });
    cluster = table.cluster();
    await table.store.createCluster(cluster, SECRET, new Date());
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} runs inside a test only`);
    return value;
  };
  return {
    get server() {
      return started(server, "the test API server");
    },
    get cluster() {
      return cluster;
    },
    table,
    get ingestUrl() {
      return started(ingest, "the ingest").url;
    },
    relay(options = {}) {
      const relay = createRelay({
        ...FAST,
        kubeConfig: kubeconfigFor(started(server, "the test API server")),
        endpoint: started(ingest, "the ingest").url,
        cluster,
        secret: SECRET,
        leaderElection: false,
        probePort: false,
        registry: new Registry(),
        logger: silentLogger,
        ...options,
      });
      relays.push(relay);
      return relay;
    },
    async frontProxy() {
      const proxy = await startFrontProxy(started(ingest, "the ingest").url);
      proxies.push(proxy);
      return proxy;
    },
    async watching(kinds) {
      const api = started(server, "the test API server");
      await vi.waitFor(() => expect(kinds.filter((kind) => api.openWatches(kind) === 0)).toEqual([]), {
        timeout: 30_000,
        interval: 20,
      });
    },
  };
}
