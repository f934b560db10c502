import { gunzipSync } from "node:zlib";
import { Registry } from "prom-client";
import { describe, expect, test, vi } from "vitest";
import { loadFixture } from "../../test/support/fixtures.ts";
import { useRelayWorld } from "../../test/support/relay-world.ts";
import type { EventBatch } from "../model/wire.ts";
import { metricValue } from "./transport/testing/metric-value.ts";

// A quiet cluster's relay still speaks: a heartbeat (an empty delta) at least every staleAfter/3,
// carrying how its watches stand, and the ingest's answer brings a new config within one of them.

const world = useRelayWorld();
const eventually = { timeout: 15_000, interval: 50 };
const TEN_MINUTES = 10 * 60_000;

/** A fetch that keeps every batch the relay posts, and passes it on. */
function recordingFetch() {
  const batches: EventBatch[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    if (String(input).endsWith("/events") && init?.body instanceof Uint8Array)
      batches.push(JSON.parse(gunzipSync(init.body).toString()) as EventBatch);
    return globalThis.fetch(input, init);
  };
  return { batches, fetch };
}

async function putConfig(document: Record<string, unknown>): Promise<string> {
  await world.table.store.putConfig(
    { cluster: world.cluster },
    JSON.stringify(document),
    document,
    new Date(),
  );
  return (await world.table.store.getEffectiveConfig(world.cluster)).revision;
}

describe("relay heartbeat", () => {
  test("a quiet relay sends empty deltas every staleAfter/3 with its watch report", async () => {
    await putConfig({ staleAfter: "1500ms", watch: [{ apiVersion: "apps/v1", kind: "Deployment" }] });
    world.server.apply(loadFixture("deployment/available.yaml"));
    const recorded = recordingFetch();
    const relay = world.relay({ sender: { ...FAST_SENDER, fetch: recorded.fetch } });
    await relay.start();
    await world.watching(["deployments"]);

    await vi.waitFor(
      () => expect(recorded.batches.filter(isHeartbeat).length).toBeGreaterThanOrEqual(3),
      eventually,
    );
    const heartbeat = recorded.batches.filter(isHeartbeat).at(-1);
    expect(heartbeat?.watch).toEqual({ kinds: 1, live: 1, failing: [] });
    expect(recorded.batches.every((batch) => batch.watch !== undefined)).toBe(true);
  });

  test("a relay whose watch fails says which kind and why in its heartbeats, its metrics and /readyz", async () => {
    await putConfig({ staleAfter: "1500ms", watch: [{ apiVersion: "v1", kind: "Pod" }, DEPLOYMENTS] });
    world.server.forbid("pods");
    const recorded = recordingFetch();
    const registry = new Registry();
    const relay = world.relay({ registry, probePort: 0, sender: { ...FAST_SENDER, fetch: recorded.fetch } });
    await relay.start();

    await vi.waitFor(() => {
      const report = recorded.batches.filter(isHeartbeat).at(-1)?.watch;
      expect(report).toMatchObject({
        kinds: 2,
        live: 1,
        failing: [{ kind: "Pod", state: "forbidden", error: expect.stringContaining("pods") }],
      });
    }, eventually);
    const readyz = (await (await fetch(`${relay.probeUrl}/readyz`)).json()) as {
      watch: { degraded: { kind: string; lastError: string; failingSince: string }[] };
    };
    expect(readyz.watch.degraded).toMatchObject([
      { kind: "Pod", lastError: expect.stringContaining("pods"), failingSince: expect.any(String) },
    ]);
    const labels = { kind: "Pod", state: "forbidden", code: "403" };
    expect(
      await metricValue(registry, "status_recorder_relay_watch_failing_since_timestamp_seconds", labels),
    ).toBeGreaterThan(0);
  });

  test("a config change reaches an idle relay within one heartbeat, with no config poll", async () => {
    await putConfig({ staleAfter: "1500ms", watch: [DEPLOYMENTS] });
    const registry = new Registry();
    const relay = world.relay({ registry, configSync: { intervalMs: TEN_MINUTES }, sender: FAST_SENDER });
    await relay.start();
    await world.watching(["deployments"]);
    await vi.waitFor(
      async () =>
        expect(
          await metricValue(registry, "status_recorder_relay_batches_sent_total", { mode: "snapshot" }),
        ).toBe(1),
      eventually,
    );

    const revision = await putConfig({
      staleAfter: "1500ms",
      watch: [DEPLOYMENTS, { apiVersion: "v1", kind: "Pod" }],
    });
    const changed = Date.now();

    await vi.waitFor(() => expect(relay.status().config?.revision).toBe(revision), eventually);
    // One heartbeat is 500 ms here; the rest is the fetch and a loaded machine's slack.
    expect(Date.now() - changed).toBeLessThan(5_000);
    await vi.waitFor(
      () =>
        expect(
          relay
            .status()
            .watches.map((w) => w.kind)
            .sort(),
        ).toEqual(["Pod", "apps/Deployment"]),
      eventually,
    );
  });
});

const DEPLOYMENTS = { apiVersion: "apps/v1", kind: "Deployment" };
const FAST_SENDER = { limits: { lingerMs: 20 }, backoff: { baseMs: 20, capMs: 200, maxRetryAfterMs: 200 } };
const isHeartbeat = (batch: EventBatch) => batch.mode === "delta" && batch.events.length === 0;
