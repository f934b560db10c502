import { pathToFileURL } from "node:url";
import { createIngestApp } from "../src/http/ingest-app.ts";
import type { EventBatch } from "../src/model/wire.ts";
import { createDynamoStatusStore } from "../src/store/dynamodb/dynamodb-status-store.ts";
import { startEmbeddedDynamo } from "../src/store/embedded.ts";
import { createAesGcmSealer } from "../src/store/secret-sealer.ts";
import { countWrites } from "../test/support/count-writes.ts";
import { signedRequest } from "../test/support/signed-request.ts";

// What keeping a quiet cluster "up" costs: an idle hour of signed heartbeats through the ingest app into
// the embedded table, counting table requests. At defaults (staleAfter 5m) a relay beats every 60 s; the
// target is at most 60 table writes per idle cluster-hour. Baseline, measured in the same run: a relay
// posting every 15 s (the ingest's fastest recording pace before heartbeats paced it), which is what a
// relay keeping a 45 s staleAfter alive would send.

const SECRET = "bench-secret-0123456789";
const HOUR_S = 3600;

async function idleHour(intervalSeconds: number, staleAfterSeconds: number) {
  const db = await startEmbeddedDynamo({ memory: true });
  try {
    const store = createDynamoStatusStore({ ...db, sealer: createAesGcmSealer(new Uint8Array(32)) });
    let now = new Date("2027-01-15T10:00:00Z");
    await store.createCluster("idle", SECRET, now);
    const ingest = createIngestApp({ store, clock: () => now });
    const counter = countWrites(db.client);
    const heartbeatSeconds = Math.min(60, staleAfterSeconds / 3, intervalSeconds);
    let beats = 0;
    for (let t = 0; t < HOUR_S; t += intervalSeconds) {
      now = new Date(Date.parse("2027-01-15T10:00:00Z") + t * 1000);
      const batch: EventBatch = {
        relay: { version: "bench", epoch: 1, seq: ++beats, heartbeatSeconds },
        mode: "delta",
        configRevision: "",
        watch: { kinds: 30, live: 12, failing: [] },
        events: [],
      };
      const { url, ...init } = signedRequest("/v1/clusters/idle/events", JSON.stringify(batch), {
        secret: SECRET,
        now,
      });
      const res = await ingest.request(url, init);
      if (res.status !== 200) throw new Error(`heartbeat answered ${res.status}: ${await res.text()}`);
    }
    const requests = Object.values(counter.byCommand).reduce((a, b) => a + b, 0);
    return { beats, writes: counter.writes, requestsPerBeat: requests / beats };
  } finally {
    await db.close();
  }
}

/** Returns the figures bench/run.ts prints; takes a few seconds. */
export async function benchHeartbeat(): Promise<Record<string, number | string>> {
  const defaults = await idleHour(60, 300);
  const baseline = await idleHour(15, 45);
  return {
    "heartbeats per idle cluster-hour (staleAfter 5m)": defaults.beats,
    "table writes per idle cluster-hour (target ≤ 60)": defaults.writes,
    "table requests per heartbeat (1 credential read + 1 visit write)":
      Math.round(defaults.requestsPerBeat * 100) / 100,
    "baseline: writes per hour, relay posting every 15 s": baseline.writes,
    "idle write target": defaults.writes <= 60 ? "met" : "NOT MET",
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(await benchHeartbeat());
