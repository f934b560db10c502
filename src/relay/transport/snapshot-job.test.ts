import { describe, expect, it } from "vitest";
import { HEALTHY, upsert } from "../../store/testing/wire-events.ts";
import { SnapshotJob } from "./snapshot-job.ts";

const events = (count: number) => Array.from({ length: count }, (_, i) => upsert(`s-${i}`, i + 1, HEALTHY));
const job = (count: number) =>
  new SnapshotJob("snap-1", ["apps/Deployment"], "2027-01-15T10:00:00.000Z", 0, events(count));

describe("SnapshotJob", () => {
  it("cuts parts by count and marks only the one that ends the list as last", () => {
    const j = job(5);
    const first = j.cut(2, Infinity);
    expect(first.events).toHaveLength(2);
    expect(first.snapshot).toMatchObject({ part: 0, last: false });
    j.partAcked();
    j.cut(2, Infinity);
    j.partAcked();
    expect(j.cut(2, Infinity).snapshot).toMatchObject({ part: 2, last: true });
  });

  it("cuts parts by bytes, at least one event each", () => {
    const j = job(3);
    expect(j.cut(10, 1).events).toHaveLength(1);
  });

  it("cuts a part refused as too large again from the same event", () => {
    const j = job(4);
    const refused = j.cut(4, Infinity);
    j.uncut(refused);
    const smaller = j.cut(2, Infinity);
    expect(smaller.snapshot.part).toBe(0);
    expect(smaller.events.map((e) => JSON.parse(e.json).object.name)).toEqual(["s-0", "s-1"]);
  });

  it("names the object whose event cannot be sent", () => {
    const bad = { ...upsert("bad", 1, HEALTHY), resourceVersion: "" };
    const j = new SnapshotJob("snap-2", ["apps/Deployment"], "2027-01-15T10:00:00.000Z", 0, [bad]);
    expect(j.cut(10, Infinity).invalid).toMatch(/^apps#Deployment#default#bad: resourceVersion: /);
  });

  it("counts as started from its first cut, empty or not", () => {
    const j = job(0);
    expect(j.started).toBe(false);
    expect(j.cut(10, Infinity).snapshot.last).toBe(true);
    expect(j.started).toBe(true);
  });
});
