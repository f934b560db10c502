import { describe, expect, it } from "vitest";
import { createIngestApp } from "../src/http/ingest-app.ts";
import { createReadApp } from "../src/http/read-app.ts";
import type { WireEvent } from "../src/model/wire.ts";
import { useTestTable } from "../src/store/testing/test-store.ts";
import { jsonOf } from "./support/responses.ts";
import { deltaBatch, signedRequest } from "./support/signed-request.ts";

// History as the read API shows it, after signed batches through the ingest: every transition of
// a crash loop sent in one batch, and an explicit gap where the relay could not hold statuses.

const table = useTestTable();
const now = new Date("2027-01-15T10:00:00Z");
const secret = "relay-s3cret-0123456789";
const iso = (seconds: number) => new Date(now.getTime() - 600_000 + seconds * 1000).toISOString();

const pod = (
  rv: number,
  health: WireEvent["status"]["health"],
  message: string,
  extra: Partial<WireEvent> = {},
) =>
  ({
    type: "UPSERT",
    object: { apiVersion: "v1", kind: "Pod", namespace: "shop", name: "cart-0" },
    status: { health, kstatus: health === "Healthy" ? "Current" : "InProgress", message },
    resourceVersion: String(rv),
    observedAt: iso(rv),
    ...extra,
  }) satisfies WireEvent;

async function setup() {
  const cluster = table.cluster();
  await table.store.createCluster(cluster, secret, now);
  const ingest = createIngestApp({ store: table.store, clock: () => now });
  const read = createReadApp({ store: table.store, clock: () => now, auth: { disabled: true } });
  const post = async (events: WireEvent[]) => {
    const { url, ...init } = signedRequest(
      `/v1/clusters/${cluster}/events`,
      JSON.stringify(deltaBatch(events)),
      {
        secret,
        now,
      },
    );
    expect((await ingest.request(url, init)).status).toBe(200);
  };
  const history = async () => {
    const res = await read.request(`/v1/clusters/${cluster}/history?kind=Pod&namespace=shop&name=cart-0`);
    expect(res.status).toBe(200);
    return (await jsonOf<{ items: Record<string, unknown>[] }>(res)).items.reverse();
  };
  return { post, history };
}

describe("history through the ingest and the read API", () => {
  it("holds every transition of a crash loop sent in one batch, in order, with its observation time", async () => {
    const { post, history } = await setup();
    await post([
      pod(10, "Healthy", "Running"),
      pod(11, "Degraded", "CrashLoopBackOff"),
      pod(12, "Progressing", "ContainerCreating"),
      pod(13, "Degraded", "CrashLoopBackOff"),
    ]);
    expect((await history()).map((h) => [h.time, (h.to as { health: string }).health])).toEqual([
      [iso(10), "Healthy"],
      [iso(11), "Degraded"],
      [iso(12), "Progressing"],
      [iso(13), "Degraded"],
    ]);
  });

  it("shows a gap the relay reported as its own record, saying how many transitions were not recorded and when", async () => {
    const { post, history } = await setup();
    await post([pod(10, "Healthy", "Running")]);
    await post([pod(90, "Degraded", "CrashLoopBackOff", { gap: { count: 33, from: iso(20), to: iso(80) } })]);
    const items = await history();
    expect(items.map((h) => h.cause)).toEqual(["event", "gap", "event"]);
    expect(items[1]).toMatchObject({
      cause: "gap",
      time: iso(80),
      gap: { count: 33, from: iso(20), to: iso(80) },
      to: { message: `33 transitions not recorded between ${iso(20)} and ${iso(80)}` },
    });
  });
});
