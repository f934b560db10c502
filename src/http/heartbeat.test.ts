import { describe, expect, it } from "vitest";
import { deltaBatch, signedRequest } from "../../test/support/signed-request.ts";
import type { EventBatch, WatchReport } from "../model/wire.ts";
import { useTestTable } from "../store/testing/test-store.ts";
import { createIngestApp } from "./ingest-app.ts";
import { createReadApp } from "./read-app.ts";

// Heartbeats cross the ingest and the read side: what one records is what the other judges.

const table = useTestTable();
const start = new Date("2027-01-15T10:00:00Z");
const SECRET = "relay-secret-0123456789";

interface Summary {
  name: string;
  stale: boolean;
  up: boolean;
  lastSeen: string | null;
  lastContact: string | null;
  reason?: string;
  watch?: WatchReport;
}

function world() {
  let now = start;
  const clock = () => now;
  const ingest = createIngestApp({ store: table.store, clock });
  const read = createReadApp({ store: table.store, clock, auth: { disabled: true } });
  return {
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000);
    },
    async beat(cluster: string, watch?: WatchReport): Promise<Response> {
      const batch: EventBatch = {
        ...deltaBatch([]),
        relay: { version: "1.0.0", epoch: 1, seq: 1, heartbeatSeconds: 100 },
        ...(watch ? { watch } : {}),
      };
      const { url, ...init } = signedRequest(`/v1/clusters/${cluster}/events`, JSON.stringify(batch), {
        secret: SECRET,
        now,
      });
      return ingest.request(url, init);
    },
    async summary(cluster: string): Promise<Summary | undefined> {
      const res = await read.request("/v1/clusters");
      const body = (await res.json()) as { clusters: Summary[] };
      return body.clusters.find((c) => c.name === cluster);
    },
  };
}

const live: WatchReport = { kinds: 3, live: 3, failing: [] };
const allFailing: WatchReport = {
  kinds: 2,
  live: 0,
  failing: [
    { kind: "apps/Deployment", state: "backoff", error: "connect ECONNREFUSED 10.96.0.1:443" },
    { kind: "Pod", state: "backoff", error: "connect ECONNREFUSED 10.96.0.1:443" },
  ],
};

describe("heartbeats", () => {
  it("keep a quiet cluster up over three times its staleAfter, and answer with the config revision", async () => {
    const cluster = table.cluster();
    const registered = await table.store.createCluster(cluster, SECRET, start);
    const w = world();

    for (let beat = 0; beat < 10; beat++) {
      const res = await w.beat(cluster, live);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ configRevision: registered.configRevision, rejected: [] });
      w.advance(100); // staleAfter is 5 min: ten beats span 1000 s
    }

    expect(await w.summary(cluster)).toMatchObject({ stale: false, up: true });
  });

  it("write nothing but the cluster record", async () => {
    const cluster = table.cluster();
    await table.store.createCluster(cluster, SECRET, start);
    const w = world();

    await w.beat(cluster, live);

    expect((await table.store.listObjects(cluster)).items).toEqual([]);
    expect((await table.store.getCluster(cluster))?.lastSeen).toBe(start.toISOString());
  });

  it("from a relay whose every watch fails do not keep its cluster up, and say why", async () => {
    const cluster = table.cluster();
    await table.store.createCluster(cluster, SECRET, start);
    const w = world();
    await w.beat(cluster, live);

    for (let beat = 0; beat < 5; beat++) {
      w.advance(100);
      expect((await w.beat(cluster, allFailing)).status).toBe(200);
    }

    const summary = await w.summary(cluster);
    expect(summary).toMatchObject({
      stale: true,
      up: false,
      lastSeen: start.toISOString(),
      watch: allFailing,
    });
    expect(summary?.lastContact).not.toBe(start.toISOString());
    expect(summary?.reason).toContain("no watch is live: apps/Deployment (backoff: connect ECONNREFUSED");
  });

  it("keep a cluster up while some watches live, and list the kinds that fail", async () => {
    const cluster = table.cluster();
    await table.store.createCluster(cluster, SECRET, start);
    const w = world();
    const partly: WatchReport = { ...allFailing, kinds: 3, live: 1 };

    for (let beat = 0; beat < 5; beat++) {
      await w.beat(cluster, partly);
      w.advance(100);
    }

    expect(await w.summary(cluster)).toMatchObject({ stale: false, watch: { failing: partly.failing } });
  });

  it("from a silent relay stop: its cluster goes stale, saying since when", async () => {
    const cluster = table.cluster();
    await table.store.createCluster(cluster, SECRET, start);
    const w = world();
    await w.beat(cluster, live);

    w.advance(301);

    const summary = await w.summary(cluster);
    expect(summary).toMatchObject({ stale: true, up: false });
    expect(summary?.reason).toBe(`its relay has not posted since ${start.toISOString()}`);
  });
});
