import { describe, expect, it } from "vitest";
import { countWrites } from "../../../test/support/count-writes.ts";
import type { WatchReport } from "../../model/wire.ts";
import type { ClusterRecord } from "../records.ts";
import { useTestTable } from "../testing/test-store.ts";
import { at } from "../testing/wire-events.ts";

const t = useTestTable();

const failing = (kind: string, error = "connect ECONNREFUSED 10.0.0.1:443"): WatchReport => ({
  kinds: 2,
  live: 0,
  failing: [{ kind, state: "backoff", error }],
});

async function registered(): Promise<ClusterRecord> {
  return t.store.createCluster(t.cluster(), "relay-secret-0123456789", at(0));
}

async function reread(record: ClusterRecord): Promise<ClusterRecord> {
  const read = await t.store.getCluster(record.name);
  if (!read) throw new Error("cluster vanished");
  return read;
}

describe("recording relay visits", () => {
  it("records a relay whose every watch fails as contacted but not seen, with the kinds and why", async () => {
    const seen = await registered();
    await t.store.touchCluster(seen, { relayVersion: "1", at: at(10) });
    const report = failing("apps/Deployment");

    await t.store.touchCluster(await reread(seen), {
      relayVersion: "1",
      at: at(40),
      current: false,
      watch: report,
    });

    expect(await reread(seen)).toMatchObject({
      lastSeen: at(10).toISOString(),
      lastContact: at(40).toISOString(),
      watch: report,
    });
  });

  it("records at once when the relay's view stops being current, however recent the last visit", async () => {
    const record = await registered();
    await t.store.touchCluster(record, { relayVersion: "1", at: at(10) });

    const wrote = await t.store.touchCluster(await reread(record), {
      relayVersion: "1",
      at: at(11),
      current: false,
      watch: failing("Pod"),
    });

    expect(wrote).toBe(true);
    expect((await reread(record)).lastContact).toBe(at(11).toISOString());
  });

  it("records at once when another kind starts failing, but not a new error text of the same failure", async () => {
    const record = await registered();
    await t.store.touchCluster(record, { relayVersion: "1", at: at(10), watch: failing("Pod") });
    const first = await reread(record);

    const sameFailure = { relayVersion: "1", at: at(12), watch: failing("Pod", "timeout") };
    const otherKind = { relayVersion: "1", at: at(13), watch: failing("Service") };

    expect(await t.store.touchCluster(first, sameFailure)).toBe(false);
    expect(await t.store.touchCluster(first, otherKind)).toBe(true);
    expect((await reread(record)).watch?.failing[0]?.kind).toBe("Service");
  });

  it("records every beat of a relay that heartbeats faster than 15 s, so a short staleAfter holds", async () => {
    const record = await registered();
    let current = record;
    for (let second = 1; second <= 5; second++) {
      expect(
        await t.store.touchCluster(current, { relayVersion: "1", at: at(second), heartbeatSeconds: 1 }),
      ).toBe(true);
      current = await reread(record);
    }
    expect(current.lastSeen).toBe(at(5).toISOString());
  });

  it("costs one write per heartbeat for an idle cluster-hour at the default interval", async () => {
    const record = await registered();
    const counter = countWrites(t.db.client);
    try {
      let current = record;
      for (let beat = 1; beat <= 60; beat++) {
        await t.store.touchCluster(current, { relayVersion: "1", at: at(beat * 60), heartbeatSeconds: 60 });
        current = await reread(record);
      }
      expect(counter.writes).toBe(60);
    } finally {
      counter.stop();
    }
  });

  it("drops the watch report when the relay stops sending one", async () => {
    const record = await registered();
    await t.store.touchCluster(record, { relayVersion: "1", at: at(10), watch: failing("Pod") });

    await t.store.touchCluster(await reread(record), { relayVersion: "2", at: at(11) });

    expect((await reread(record)).watch).toBeUndefined();
  });
});

describe("a relay blind to many kinds", () => {
  it("keeps the cluster record small: the first 20 failing kinds, errors cut short, and the count", async () => {
    const record = await registered();
    const failing = Array.from({ length: 100 }, (_, i) => ({
      kind: `example${i}.crossplane.io/Bucket`,
      state: "forbidden" as const,
      error: "x".repeat(300),
    }));

    await t.store.touchCluster(record, {
      relayVersion: "1",
      at: at(10),
      watch: { kinds: 100, live: 0, failing },
    });
    const kept = (await reread(record)).watch;

    expect(kept?.failing).toHaveLength(20);
    expect(kept?.failing[0]?.error).toHaveLength(200);
    expect(kept?.failingTotal).toBe(100);
    const again = { relayVersion: "1", at: at(12), watch: { kinds: 100, live: 0, failing } };
    expect(await t.store.touchCluster(await reread(record), again)).toBe(false);
  });
});
