import { Counter, Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_PROBE_PORT,
  type ProbeServer,
  type ProbeServerOptions,
  startProbeServer,
} from "./probe-server.ts";
import type { KindWatchStatus } from "./readiness-api.ts";

const servers: ProbeServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function probes(options: Partial<ProbeServerOptions> = {}): Promise<ProbeServer> {
  const server = await startProbeServer({
    port: 0,
    hostname: "127.0.0.1",
    registry: new Registry(),
    readiness: {
      config: () => ({ source: "backend", revision: "4f2a9c1e07b3d5a8" }),
      watches: () => [{ kind: "apps/Deployment", state: "watching" }],
    },
    ...options,
  });
  servers.push(server);
  return server;
}

describe("/healthz", () => {
  it("answers 200 while the process answers", async () => {
    const server = await probes();

    const response = await fetch(`${server.url}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 with the problem when a liveness check fails", async () => {
    const stuck =
      "leader election stuck: leading, but the lease status-recorder/relay was last renewed 40 s ago";
    const server = await probes({ liveness: () => [undefined, stuck] });

    const response = await fetch(`${server.url}/healthz`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unhealthy", problems: [stuck] });
  });
});

describe("/readyz", () => {
  it("answers 200 with the kinds it cannot watch listed", async () => {
    const forbidden: KindWatchStatus = {
      kind: "argoproj.io/Rollout",
      state: "forbidden",
      lastError: "cannot list",
    };
    const server = await probes({
      readiness: {
        config: () => ({ source: "file", revision: "" }),
        watches: () => [{ kind: "Pod", state: "watching" }, forbidden],
      },
    });

    const response = await fetch(`${server.url}/readyz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "degraded", watch: { degraded: [forbidden] } });
  });

  it("answers 503 with the reason before the config is loaded", async () => {
    const server = await probes({ readiness: { config: () => undefined, watches: () => undefined } });

    const response = await fetch(`${server.url}/readyz`);

    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      ready: false,
      reasons: expect.arrayContaining(["config not loaded yet"]),
    });
  });

  it("answers 503 when a readiness source throws", async () => {
    const server = await probes({
      readiness: {
        config: () => ({ source: "backend", revision: "r" }),
        watches: () => {
          throw new Error("watch registry gone");
        },
      },
    });

    const response = await fetch(`${server.url}/readyz`);

    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ reasons: ["probe failed: watch registry gone"] });
  });
});

describe("/metrics", () => {
  it("serves the relay's registry with the process metrics, in the registry's format", async () => {
    const registry = new Registry();
    new Counter({
      name: "status_recorder_relay_test_total",
      help: "A test counter.",
      registers: [registry],
    }).inc(3);
    const server = await probes({ registry });

    const response = await fetch(`${server.url}/metrics`);
    const text = await response.text();

    expect(response.headers.get("content-type")).toBe(registry.contentType);
    expect(text).toContain("status_recorder_relay_test_total 3");
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
  });

  it("adds the process metrics to a registry only once", async () => {
    const registry = new Registry();
    await probes({ registry });

    await expect(probes({ registry })).resolves.toBeDefined();
  });
});

describe("the probe server", () => {
  it("listens on 9090 unless told otherwise", () => {
    expect(DEFAULT_PROBE_PORT).toBe(9090);
  });

  it("answers 404 for any other path", async () => {
    const server = await probes();

    expect((await fetch(`${server.url}/debug/pprof`)).status).toBe(404);
  });
});
