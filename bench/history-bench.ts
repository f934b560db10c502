import { pathToFileURL } from "node:url";
import { objectKeyOf } from "../src/model/object-key.ts";
import type { ObjectStatus } from "../src/model/object-status.ts";
import type { WireEvent } from "../src/model/wire.ts";
import { createSender } from "../src/relay/transport/index.ts";
import { startFrontProxy } from "../test/support/relay-front-proxy.ts";
import { startIngestStack } from "./relay/ingest-stack.ts";

// History items per observed transition, through the real sender, ingest and embedded table: every
// status the relay observes must reach history (1.0) while the ingest is reachable, however fast
// objects change; across an outage an object that changed past the relay's bound (32 held) records its
// first and newest statuses and one gap record for the rest. The baseline is the count of transitions
// the relay observed in the same run.

const OBJECTS = 200;
const FLIPS_UP = 6;
const FLIPS_DOWN = 40;
const HELD = 32;

const STATUSES: ObjectStatus[] = [
  { health: "Healthy", kstatus: "Current", message: "1/1 ready", phase: "Running" },
  {
    health: "Degraded",
    kstatus: "InProgress",
    message: "back-off restarting failed container",
    phase: "Running",
  },
];

let clock = Date.parse("2026-12-01T00:00:00Z");

function event(n: number, flip: number, rv: number): WireEvent {
  clock += 1;
  return {
    type: "UPSERT",
    object: { apiVersion: "v1", kind: "Pod", namespace: "bench", name: `pod-${n}` },
    status: STATUSES[flip % 2] ?? { health: "Unknown", kstatus: "Unknown", message: "" },
    resourceVersion: String(rv),
    observedAt: new Date(clock).toISOString(),
  };
}

export async function benchHistory(): Promise<Record<string, number | string>> {
  const stack = await startIngestStack();
  const proxy = await startFrontProxy(stack.url);
  const sender = createSender({
    endpoint: proxy.url,
    cluster: stack.cluster,
    secret: stack.secret,
    version: "bench",
    limits: { lingerMs: 5 },
    backoff: { baseMs: 10, capMs: 50, maxRetryAfterMs: 50 },
  });
  const history = async () => {
    let items = 0;
    let gaps = 0;
    for (let n = 0; n < OBJECTS; n++) {
      const key = objectKeyOf({ group: "", kind: "Pod", namespace: "bench", name: `pod-${n}` });
      const page = await stack.store.listHistory(
        stack.cluster,
        key,
        { limit: 500 },
        new Date(clock + 60_000),
      );
      items += page.items.filter((t) => t.cause !== "gap").length;
      gaps += page.items.filter((t) => t.cause === "gap").length;
    }
    return { items, gaps };
  };
  const idle = async () => {
    while (sender.stats().queuedEvents > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  try {
    let rv = 1;
    // Reachable, objects changing faster than batches go (a newest-only queue kept one of each).
    for (let flip = 0; flip < FLIPS_UP; flip++)
      for (let n = 0; n < OBJECTS; n++) sender.enqueue(event(n, flip, rv++));
    await idle();
    const up = await history();
    const observedUp = OBJECTS * FLIPS_UP;

    // Unreachable while every object flips past the bound, then back.
    await proxy.setMode("unavailable");
    for (let flip = FLIPS_UP; flip < FLIPS_UP + FLIPS_DOWN; flip++)
      for (let n = 0; n < OBJECTS; n++) sender.enqueue(event(n, flip, rv++));
    await proxy.setMode("pass");
    await idle();
    const down = await history();
    const itemsDown = down.items - up.items;
    const expectedDown = OBJECTS * HELD;
    const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
    return {
      "observed transitions, ingest reachable (baseline)": observedUp,
      "history items, ingest reachable": up.items,
      "history items per observed transition, reachable (target 1.0)": ratio(up.items, observedUp),
      "observed transitions over a 40-change outage (baseline)": OBJECTS * FLIPS_DOWN,
      "history items over that outage (32 held per object)": itemsDown,
      "gap records per object over that outage (target 1)": down.gaps / OBJECTS,
      "history target while reachable": up.items === observedUp ? "met" : "NOT MET",
      "statuses kept over the outage": itemsDown === expectedDown ? "met" : "NOT MET",
    };
  } finally {
    await sender.flush(1000);
    await proxy.close();
    await stack.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(await benchHistory());
