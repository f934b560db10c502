import { describe, expect, it } from "vitest";
import { countWrites } from "../../../test/support/count-writes.ts";
import type { ObjectStatus } from "../../model/object-status.ts";
import { useTestTable } from "../testing/test-store.ts";
import { at, BASE_TIME, DEGRADED, delta, HEALTHY, PROGRESSING, upsert } from "../testing/wire-events.ts";

// What history holds: every status observed, in observation order, explicit gaps, and no way for
// one odd resourceVersion to freeze an object.

const t = useTestTable();
const pod = { group: "", kind: "Pod", namespace: "default", name: "cart" };
const podKey = "#Pod#default#cart";
const podEvent = (rv: number | string, status: ObjectStatus, seconds: number) =>
  upsert("cart", rv, status, { apiVersion: "v1", kind: "Pod", observedAt: iso(seconds) });
const iso = (seconds: number) => new Date(BASE_TIME + seconds * 1000).toISOString();
const CRASHING: ObjectStatus = { health: "Degraded", kstatus: "InProgress", message: "CrashLoopBackOff" };
const STARTING: ObjectStatus = { health: "Progressing", kstatus: "InProgress", message: "ContainerCreating" };

describe("applyBatch history", () => {
  it("gives each of an object's transitions in one batch its own history record, in order, with its observation time", async () => {
    const cluster = t.cluster();
    const crashLoop = [
      podEvent(10, HEALTHY, 10),
      podEvent(11, CRASHING, 11),
      podEvent(12, STARTING, 12),
      podEvent(13, CRASHING, 13),
    ];
    const result = await t.store.applyBatch(cluster, delta(crashLoop), at(20));
    expect(result).toMatchObject({ accepted: 4, transitions: 4, written: 1 });
    const history = (await t.store.listHistory(cluster, podKey, {}, at(20))).items.reverse();
    expect(history.map((h) => [h.time, h.to.health])).toEqual([
      [iso(10), "Healthy"],
      [iso(11), "Degraded"],
      [iso(12), "Progressing"],
      [iso(13), "Degraded"],
    ]);
    expect(await t.store.getObject(cluster, pod)).toMatchObject({ status: CRASHING, transitions: 4 });
  });

  it("records a gap the relay reports as one record before the transition that followed it, and counts it", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([podEvent(10, HEALTHY, 10)]), at(10));
    const afterGap = { ...podEvent(90, CRASHING, 90), gap: { count: 40, from: iso(20), to: iso(80) } };
    const batch = delta([afterGap]);
    expect(await t.store.applyBatch(cluster, batch, at(90))).toMatchObject({ accepted: 1, transitions: 1 });
    expect(await t.store.applyBatch(cluster, batch, at(91))).toMatchObject({ stale: 1 }); // a retry
    const history = (await t.store.listHistory(cluster, podKey, {}, at(91))).items.reverse();
    expect(history.map((h) => [h.cause, h.time, h.from?.health, h.to.health])).toEqual([
      ["event", iso(10), undefined, "Healthy"],
      ["gap", iso(80), "Healthy", "Unknown"],
      ["event", iso(90), "Healthy", "Degraded"],
    ]);
    expect(history[1]).toMatchObject({
      gap: { count: 40, from: iso(20), to: iso(80) },
      to: { message: `40 transitions not recorded between ${iso(20)} and ${iso(80)}` },
    });
    expect(await t.store.getObject(cluster, pod)).toMatchObject({ status: CRASHING, transitions: 42 });
  });

  it("records what follows a gap even when its status equals the one stored before the gap", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([podEvent(10, HEALTHY, 10)]), at(10));
    const back = { ...podEvent(50, HEALTHY, 50), gap: { count: 3, from: iso(20), to: iso(40) } };
    await t.store.applyBatch(cluster, delta([back]), at(50));
    const history = (await t.store.listHistory(cluster, podKey, {}, at(50))).items;
    expect(history.map((h) => h.cause)).toEqual(["event", "gap", "event"]);
    expect(await t.store.getObject(cluster, pod)).toMatchObject({ transitions: 5 });
  });

  it("costs no table request at all for a batch without events (a heartbeat)", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(cluster, delta([upsert("web", 10, HEALTHY)]), at(10));
    const counter = countWrites(t.db.client);
    const result = await t.store.applyBatch(cluster, delta([]), at(20));
    counter.stop();
    expect(counter.byCommand).toEqual({});
    expect(result).toMatchObject({ accepted: 0, stale: 0, written: 0, rejected: [] });
  });
});

describe("applyBatch order", () => {
  const web = { group: "apps", kind: "Deployment", namespace: "default", name: "web" };

  it("applies a real later update after a resourceVersion of 64 nines", async () => {
    const cluster = t.cluster();
    await t.store.applyBatch(
      cluster,
      delta([upsert("web", "9".repeat(64), HEALTHY, { observedAt: iso(10) })]),
      at(10),
    );
    const real = await t.store.applyBatch(
      cluster,
      delta([upsert("web", 4711, DEGRADED, { observedAt: iso(11) })]),
      at(11),
    );
    expect(real).toMatchObject({ accepted: 1, stale: 0, transitions: 1 });
    expect(await t.store.getObject(cluster, web)).toMatchObject({
      status: DEGRADED,
      resourceVersion: "4711",
    });
  });

  it("never regresses when the same events arrive reordered within and across batches", async () => {
    const events = [
      upsert("web", 10, PROGRESSING),
      upsert("web", 11, DEGRADED),
      upsert("web", 12, PROGRESSING),
      upsert("web", 13, HEALTHY),
    ];
    const inOrder = t.cluster();
    await t.store.applyBatch(inOrder, delta(events), at(20));
    const shuffled = t.cluster();
    const [a, b, c, d] = events as [
      (typeof events)[0],
      (typeof events)[0],
      (typeof events)[0],
      (typeof events)[0],
    ];
    await t.store.applyBatch(shuffled, delta([d, b]), at(20));
    await t.store.applyBatch(shuffled, delta([c, a, b]), at(21));
    const final = await t.store.getObject(shuffled, web);
    expect(final).toMatchObject({ status: HEALTHY, resourceVersion: "13" });
    expect((await t.store.getObject(inOrder, web))?.status).toEqual(final?.status);
  });

  it("applies two readings of one instant in batch order when their resourceVersions are not numeric", async () => {
    const cluster = t.cluster();
    const same = { observedAt: iso(10) };
    await t.store.applyBatch(
      cluster,
      delta([upsert("web", "zz", PROGRESSING, same), upsert("web", "aa", HEALTHY, same)]),
      at(10),
    );
    expect(await t.store.getObject(cluster, web)).toMatchObject({ status: HEALTHY, resourceVersion: "aa" });
  });
});
