import { beforeEach, describe, expect, test } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { createInterpreter } from "../../interpret/interpret.ts";
import { SCHEDULE_WINDOW_MS } from "../../interpret/kstatus/pod.ts";
import type { KubeObject } from "../../interpret/kube-object.ts";
import { ManualScheduler } from "../transport/testing/manual-scheduler.ts";
import { ObjectTracker } from "./object-tracker.ts";
import { Rechecks } from "./rechecks.ts";
import { RecordingSender } from "./testing/recording-sender.ts";

let scheduler: ManualScheduler;
let sender: RecordingSender;
let tracker: ObjectTracker;

beforeEach(() => {
  scheduler = new ManualScheduler();
  sender = new RecordingSender();
  const now = () => new Date(scheduler.now());
  tracker = new ObjectTracker({ sender, readStatus: createInterpreter({ now }), now, scheduler });
});

/** The fixture's unschedulable pod, created `agoMs` before now, at resourceVersion `rv`. */
function unschedulablePod(agoMs: number, rv = "100"): KubeObject {
  const pod = loadFixture("pod/kstatus-unschedulable.yaml");
  const creationTimestamp = new Date(scheduler.now() - agoMs).toISOString();
  return { ...pod, metadata: { ...pod.metadata, creationTimestamp, resourceVersion: rv } };
}

const kstatuses = () => sender.events.map((e) => (e.type === "UPSERT" ? e.status.kstatus : "DELETE"));

describe("statuses that hold only for a while", () => {
  test("an unschedulable pod turns Failed when its grace period ends, with no event to prompt it", async () => {
    tracker.observe("ADDED", unschedulablePod(5_000));
    expect(kstatuses()).toEqual(["InProgress"]);
    expect(scheduler.pendingDelays()).toEqual([SCHEDULE_WINDOW_MS - 5_000]);

    await scheduler.advance(SCHEDULE_WINDOW_MS - 5_000);

    expect(kstatuses()).toEqual(["InProgress", "Failed"]);
    expect(sender.events[1]).toMatchObject({
      resourceVersion: "100",
      observedAt: new Date(scheduler.now()).toISOString(),
      status: { message: expect.stringContaining("could not be scheduled") },
    });
    expect(scheduler.pendingDelays()).toEqual([]);
  });

  test("a newer event before the deadline is what counts", async () => {
    tracker.observe("ADDED", unschedulablePod(5_000, "100"));
    const scheduled = unschedulablePod(5_000, "101");
    scheduled.status = { phase: "Running", conditions: [{ type: "Ready", status: "True" }] };
    tracker.observe("MODIFIED", scheduled);

    await scheduler.advance(SCHEDULE_WINDOW_MS);

    expect(kstatuses()).toEqual(["InProgress", "Current"]);
  });

  test("a pod deleted before the deadline is not read again", async () => {
    tracker.observe("ADDED", unschedulablePod(5_000));
    tracker.observe("DELETED", unschedulablePod(5_000, "101"));

    await scheduler.advance(SCHEDULE_WINDOW_MS);

    expect(kstatuses()).toEqual(["InProgress", "DELETE"]);
  });

  test("a pod already past its grace period is Failed at once, and nothing is kept for it", () => {
    tracker.observe("ADDED", unschedulablePod(SCHEDULE_WINDOW_MS + 1));

    expect(kstatuses()).toEqual(["Failed"]);
    expect(scheduler.pendingDelays()).toEqual([]);
  });

  test("a listing schedules the recheck too, and close() drops it", async () => {
    const listing = tracker.beginListing("/Pod");
    listing.add(unschedulablePod(1_000));
    expect(scheduler.pendingDelays()).toEqual([SCHEDULE_WINDOW_MS - 1_000]);

    tracker.close();

    expect(scheduler.pendingDelays()).toEqual([]);
  });
});

describe("Rechecks", () => {
  const obj: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" } };

  test("keeps the earliest entry on time when a due one schedules itself again for later", async () => {
    const fired: string[] = [];
    const rechecks = new Rechecks(scheduler, (recheck) => {
      fired.push(`${recheck.key}@${scheduler.now() - start}`);
      if (recheck.key === "a" && fired.length === 1) rechecks.schedule({ ...recheck, at: start + 200 });
    });
    const start = scheduler.now();
    rechecks.schedule({ kind: "/Pod", key: "a", obj, at: start + 100 });
    rechecks.schedule({ kind: "/Pod", key: "b", obj, at: start + 105 });

    await scheduler.advance(300);

    expect(fired).toEqual(["a@100", "b@105", "a@200"]);
  });

  test("waits no more than a timer can for a time far ahead, then looks again", async () => {
    const fired: string[] = [];
    const rechecks = new Rechecks(scheduler, (recheck) => fired.push(recheck.key));
    rechecks.schedule({ kind: "/Pod", key: "far", obj, at: scheduler.now() + 40 * 86_400_000 });

    expect(scheduler.pendingDelays()).toEqual([2 ** 31 - 1]);
    await scheduler.advance(2 ** 31 - 1);
    expect(fired).toEqual([]);
    expect(scheduler.pendingDelays()).toEqual([40 * 86_400_000 - (2 ** 31 - 1)]);
  });
});
