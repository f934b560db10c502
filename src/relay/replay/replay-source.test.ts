import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test, vi } from "vitest";
import { createInterpreter } from "../../interpret/interpret.ts";
import { recordingLogger } from "../transport/testing/recording-logger.ts";
import { ObjectTracker } from "../watch/object-tracker.ts";
import { useWatchHarness } from "../watch/testing/watch-harness.ts";
import { startReplay } from "./replay-source.ts";

const SAMPLE = fileURLToPath(new URL("../../../examples/sample-stream.ndjson", import.meta.url));
const h = useWatchHarness();
const eventually = { timeout: 10_000, interval: 20 };

function tracker() {
  return new ObjectTracker({
    sender: h.sender,
    readStatus: createInterpreter(),
    labelKeys: ["emco/deployment-id"],
  });
}

function file(lines: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "replay-")), "stream.ndjson");
  writeFileSync(path, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n"));
  return path;
}

const namespace = (name: string, phase = "Active") => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name, uid: `uid-${name}`, resourceVersion: "1" },
  status: { phase },
});

describe("the sample stream", () => {
  test("replays to the state it ends in", async () => {
    const stats = await startReplay({ file: SAMPLE, tracker: tracker() }).done;

    expect(stats).toMatchObject({ lines: 70, badLines: 0, passes: 1 });
    const stored = (group: string, kind: string, namespace: string, name: string) =>
      h.stored({ group, kind, namespace, name });
    await vi.waitFor(async () => {
      expect((await stored("argoproj.io", "ArgoCD", "argocd", "argocd"))?.status).toMatchObject({
        health: "Healthy",
        phase: "Available",
      });
      expect((await stored("batch", "Job", "shop", "db-migrate-29160600"))?.status.health).toBe("Missing");
      // Known only from the initial burst, that is from the snapshot.
      expect((await stored("apps", "Deployment", "shop", "frontend"))?.labels).toEqual({
        "emco/deployment-id": "shop-v3",
      });
    }, eventually);
    expect((await stored("apps", "Deployment", "shop", "cart"))?.status.health).toBe("Healthy");
    expect((await stored("", "Pod", "shop", "payments-7c4d9f8b6-zq4hn"))?.status.health).toBe("Healthy");
    expect((await stored("", "Pod", "shop", "cart-6f9b8d7c5-k2x9p"))?.status.health).toBe("Missing");
    expect(
      (await stored("machineconfiguration.openshift.io", "MachineConfigPool", "", "worker"))?.status.health,
    ).toBe("Healthy");
    expect(
      (await stored("metrics.keptn.sh", "KeptnMetric", "keptn-demo", "available-cpus"))?.status.values,
    ).toEqual({
      value: 5.08,
    });
  });
});

test("sends the leading ADDED events as a snapshot, which tombstones what the stream does not have", async () => {
  await startReplay({ file: file([namespace("legacy")]), tracker: tracker() }).done;
  await vi.waitFor(
    async () =>
      expect(await h.stored({ group: "", kind: "Namespace", namespace: "", name: "legacy" })).toBeDefined(),
    eventually,
  );

  await startReplay({ file: file([namespace("shop")]), tracker: tracker() }).done;

  await vi.waitFor(async () => {
    const legacy = await h.stored({ group: "", kind: "Namespace", namespace: "", name: "legacy" });
    expect(legacy?.tombstonedBy).toBeDefined();
  }, eventually);
});

test("skips unusable lines, naming each by its line number", async () => {
  const log = recordingLogger();
  const lines = [
    { type: "ADDED", object: namespace("shop") },
    "{not json",
    { type: "ERROR", object: { kind: "Status", code: 410 } },
    { type: "MODIFIED", object: { apiVersion: "v1", kind: "Namespace", metadata: {} } },
    "",
    { type: "BOOKMARK", object: { kind: "Namespace", apiVersion: "v1", metadata: { resourceVersion: "9" } } },
    { type: "MODIFIED", object: namespace("shop", "Terminating") },
  ];

  const stats = await startReplay({ file: file(lines), tracker: tracker(), log, registry: h.registry }).done;

  expect(stats).toMatchObject({ lines: 7, events: 2, badLines: 3 });
  expect(log.lines.filter((l) => l.level === "warn").map((l) => l.fields.line)).toEqual([2, 3, 4]);
  expect(log.lines[0]?.msg).toMatch(/stream\.ndjson:2: not JSON/);
  expect(await h.metric("status_recorder_relay_replay_bad_lines_total")).toBe(3);
});

test("fails when the file cannot be read", async () => {
  await expect(startReplay({ file: "/nonexistent/stream.ndjson", tracker: tracker() }).done).rejects.toThrow(
    /ENOENT/,
  );
});

test("when looping, replays the file again with ever newer resource versions, until stopped", async () => {
  const versions: bigint[] = [];
  const interpret = createInterpreter();
  const reading = new ObjectTracker({
    sender: h.sender,
    readStatus: (obj) => {
      versions.push(BigInt(obj.metadata?.resourceVersion ?? "0"));
      return interpret(obj);
    },
  });
  const stream = file([namespace("shop"), { type: "MODIFIED", object: namespace("shop", "Terminating") }]);

  const replay = startReplay({ file: stream, tracker: reading, loop: true, rate: 500 });
  await vi.waitFor(() => expect(replay.stats().passes).toBeGreaterThanOrEqual(2), eventually);
  replay.stop();
  const stats = await replay.done;

  expect(versions.length).toBeGreaterThanOrEqual(4);
  expect(versions.every((v, i) => i === 0 || v > (versions[i - 1] as bigint))).toBe(true);
  expect(stats.events).toBeGreaterThanOrEqual(4);
});
