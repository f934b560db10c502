import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { HISTORY_BOUND } from "../../src/relay/transport/held-history.ts";

// Resident memory per tracked object: each structure is built in its own Node process (run with
// --expose-gc, so the heap is measured between full collections) from the raw watch lines of 100k
// objects of the fixture kinds. Baseline, in the same run: a Map of the same objects' bare keys; for
// the held history at its bound, the same objects with one queued event each.

const OBJECTS = 100_000;
const TARGET_BYTES = 1024;
const HISTORY_TARGET_BYTES = 4096;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CHILD = fileURLToPath(new URL("./memory-child.ts", import.meta.url));

interface Growth {
  heapUsed: number;
  rss: number;
}

async function measureIn(mode: "map" | "tracker" | "stalled" | "history"): Promise<Growth> {
  const args = ["--expose-gc", "--import", "tsx", CHILD, mode, String(OBJECTS)];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, timeout: 120_000 });
  const line = stdout.trim().split("\n")[0] ?? "";
  return JSON.parse(line) as Growth;
}

const perObject = (bytes: number) => Math.round(bytes / OBJECTS);

export async function benchMemory(): Promise<Record<string, number | string>> {
  const map = await measureIn("map");
  const tracker = await measureIn("tracker");
  const stalled = await measureIn("stalled");
  const history = await measureIn("history");
  const heap = perObject(tracker.heapUsed);
  const held = Math.max(perObject(history.heapUsed), perObject(history.rss));
  return {
    "memory: objects tracked": OBJECTS,
    "tracker heapUsed bytes per object": heap,
    "tracker RSS bytes per object": perObject(tracker.rss),
    "baseline: Map of bare keys, heapUsed bytes per key": perObject(map.heapUsed),
    "baseline: Map of bare keys, RSS bytes per key": perObject(map.rss),
    "tracker / bare-key Map (heapUsed)": (tracker.heapUsed / map.heapUsed).toFixed(2),
    "ingest unreachable (tracker + one queued event per object), heapUsed bytes per object": perObject(
      stalled.heapUsed,
    ),
    "ingest unreachable, RSS bytes per object": perObject(stalled.rss),
    [`ingest unreachable, held history at its bound (${HISTORY_BOUND} crash-loop statuses per object), heapUsed bytes per object`]:
      perObject(history.heapUsed),
    "ingest unreachable, held history at its bound, RSS bytes per object": perObject(history.rss),
    "held history at its bound / one queued event (heapUsed)": (history.heapUsed / stalled.heapUsed).toFixed(
      2,
    ),
    "target ≤ 4 KiB per object with the held history at its bound (heapUsed and RSS)":
      held <= HISTORY_TARGET_BYTES ? "met" : "NOT MET",
    "target ≤ 1 KiB per tracked object (heapUsed and RSS)":
      Math.max(heap, perObject(tracker.rss)) <= TARGET_BYTES ? "met" : "NOT MET",
  };
}
