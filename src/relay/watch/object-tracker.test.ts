import { beforeEach, describe, expect, test } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { createInterpreter } from "../../interpret/interpret.ts";
import type { KubeObject } from "../../interpret/kube-object.ts";
import { ObjectTracker } from "./object-tracker.ts";
import { RecordingSender } from "./testing/recording-sender.ts";

const NOW = new Date("2025-06-05T12:00:00Z");
let sender: RecordingSender;
let tracker: ObjectTracker;

beforeEach(() => {
  sender = new RecordingSender();
  tracker = new ObjectTracker({
    sender,
    readStatus: createInterpreter({ now: () => NOW }),
    labelKeys: ["emco/deployment-id"],
    now: () => NOW,
  });
});

function checkout(changes: {
  rv: string;
  status?: Record<string, unknown>;
  labels?: Record<string, string>;
}) {
  const obj = loadFixture("deployment/available.yaml");
  const meta = obj.metadata ?? {};
  return {
    ...obj,
    metadata: { ...meta, resourceVersion: changes.rv, labels: { ...meta.labels, ...changes.labels } },
    status: { ...(obj.status as object), ...changes.status },
  } as KubeObject;
}

const rolling = { replicas: 4, updatedReplicas: 1, unavailableReplicas: 1 };

describe("watch events", () => {
  test("a new object is sent as an UPSERT with its identity, status and ordering", () => {
    tracker.observe("ADDED", checkout({ rv: "100" }));

    expect(sender.events).toEqual([
      {
        type: "UPSERT",
        object: {
          apiVersion: "apps/v1",
          kind: "Deployment",
          namespace: "shop",
          name: "checkout-api",
          uid: "5d0f7c1e-8a7b-4a52-9d0e-3f1c2b6a9e41",
        },
        status: expect.objectContaining({ health: "Healthy", kstatus: "Current" }),
        resourceVersion: "100",
        generation: 9,
        observedAt: NOW.toISOString(),
      },
    ]);
  });

  test("observedAt never goes backwards when the wall clock is stepped back", () => {
    const wall = ["2025-06-05T12:00:10Z", "2025-06-05T11:59:00Z", "2025-06-05T12:00:20Z"];
    const stepped = new ObjectTracker({
      sender,
      readStatus: createInterpreter({ now: () => NOW }),
      now: () => new Date(wall.shift() ?? NOW),
    });
    stepped.observe("ADDED", checkout({ rv: "100" }));
    stepped.observe("MODIFIED", checkout({ rv: "101", status: rolling }));
    stepped.observe("MODIFIED", checkout({ rv: "102" }));

    expect(sender.events.map((e) => e.observedAt)).toEqual([
      "2025-06-05T12:00:10.000Z",
      "2025-06-05T12:00:10.000Z",
      "2025-06-05T12:00:20.000Z",
    ]);
  });

  test("a change of health is sent", () => {
    tracker.observe("ADDED", checkout({ rv: "100" }));

    expect(tracker.observe("MODIFIED", checkout({ rv: "101", status: rolling }))).toBe("sent");
    expect(sender.events.at(-1)).toMatchObject({ resourceVersion: "101", status: { health: "Progressing" } });
  });

  test("a change that leaves the status as it was is not sent", () => {
    tracker.observe("ADDED", checkout({ rv: "100" }));

    expect(tracker.observe("MODIFIED", checkout({ rv: "101", status: { observedGeneration: 9 } }))).toBe(
      "unchanged",
    );
    expect(sender.events).toHaveLength(1);
  });

  test("a change of the message alone is not sent", () => {
    const readStatus = createInterpreter();
    const tracker = new ObjectTracker({
      sender,
      readStatus: (obj) => ({ ...readStatus(obj), message: `seen at ${obj.metadata?.resourceVersion}` }),
    });
    tracker.observe("ADDED", checkout({ rv: "100" }));

    expect(tracker.observe("MODIFIED", checkout({ rv: "101" }))).toBe("unchanged");
  });

  test("an event of a revision already seen is not read again", () => {
    let reads = 0;
    const interpret = createInterpreter();
    const readStatus = (obj: KubeObject) => {
      reads++;
      return interpret(obj);
    };
    const counting = new ObjectTracker({ sender, readStatus });
    counting.observe("ADDED", checkout({ rv: "100" }));

    expect(counting.observe("MODIFIED", checkout({ rv: "100" }))).toBe("unchanged");
    expect(reads).toBe(1);
  });

  test("an object re-created under the same name is sent even with the same status", () => {
    tracker.observe("ADDED", checkout({ rv: "100" }));
    const recreated = checkout({ rv: "105" });
    recreated.metadata = { ...recreated.metadata, uid: "0b7e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b" };

    expect(tracker.observe("ADDED", recreated)).toBe("sent");
  });

  test("only the bundle labels named in config travel with an event", () => {
    tracker.observe("ADDED", checkout({ rv: "100", labels: { "emco/deployment-id": "shop-v3" } }));

    expect(sender.events[0]?.object.labels).toEqual({ "emco/deployment-id": "shop-v3" });
  });

  test("a deletion is sent as DELETE with a Missing status, and the object is forgotten", () => {
    tracker.observe("ADDED", checkout({ rv: "100" }));

    expect(tracker.observe("DELETED", checkout({ rv: "120" }))).toBe("deleted");
    expect(sender.events.at(-1)).toMatchObject({
      type: "DELETE",
      resourceVersion: "120",
      status: { health: "Missing", kstatus: "NotFound", message: "deleted" },
    });
    expect(tracker.size()).toBe(0);
  });

  test("an object whose status cannot be read is sent as Unknown", () => {
    const failing = new ObjectTracker({
      sender,
      readStatus: () => {
        throw new TypeError("status.replicas is not iterable");
      },
    });

    failing.observe("ADDED", checkout({ rv: "100" }));

    expect(sender.events[0]?.status).toEqual({
      health: "Unknown",
      kstatus: "Unknown",
      message: "cannot interpret status: TypeError: status.replicas is not iterable",
    });
  });

  test("an event without a name is ignored", () => {
    expect(tracker.observe("ADDED", { apiVersion: "v1", kind: "Pod", metadata: {} })).toBe("ignored");
    expect(sender.events).toEqual([]);
  });
});

describe("listings", () => {
  test("send every listed object in one snapshot of the kind, and no deltas", async () => {
    const listing = tracker.beginListing("apps/Deployment");
    listing.add(checkout({ rv: "100" }));

    expect(await listing.complete(new Date("2025-06-05T11:59:00Z"))).toBe("completed");
    expect(sender.events).toEqual([]);
    expect(sender.snapshots).toEqual([
      {
        kinds: ["apps/Deployment"],
        listedAt: "2025-06-05T11:59:00.000Z",
        events: [expect.objectContaining({ type: "UPSERT", resourceVersion: "100" })],
      },
    ]);
  });

  test("forget objects of the kind that the list no longer has", async () => {
    tracker.observe("ADDED", checkout({ rv: "100" }));
    tracker.observe("ADDED", { ...loadFixture("pod/running-ready.yaml") });

    await tracker.beginListing("apps/Deployment").complete(NOW);

    expect(tracker.size("apps/Deployment")).toBe(0);
    expect(tracker.size("Pod")).toBe(1);
  });

  test("that started over count only what was listed after the restart", async () => {
    const listing = tracker.beginListing("apps/Deployment");
    listing.add(checkout({ rv: "100" }));
    listing.restart();

    await listing.complete(NOW);

    expect(sender.snapshots[0]?.events).toEqual([]);
    expect(tracker.size("apps/Deployment")).toBe(0);
  });

  test("bring the tracked status up to date, so a later event of the same status is not sent", async () => {
    tracker.observe("ADDED", checkout({ rv: "100" }));
    const listing = tracker.beginListing("apps/Deployment");
    listing.add(checkout({ rv: "110", status: rolling }));
    await listing.complete(NOW);

    expect(tracker.observe("MODIFIED", checkout({ rv: "111", status: rolling }))).toBe("unchanged");
  });
});
