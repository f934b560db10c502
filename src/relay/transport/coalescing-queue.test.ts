import { describe, expect, it } from "vitest";
import { DEGRADED, deleted, HEALTHY, PROGRESSING, upsert } from "../../store/testing/wire-events.ts";
import { CoalescingQueue, eventKeyOf, type QueuedEvent } from "./coalescing-queue.ts";

const healthOf = (entry: QueuedEvent | undefined) =>
  entry ? JSON.parse(entry.json).status.health : undefined;
const keysOf = (entries: readonly QueuedEvent[]) => entries.map((e) => e.key);

function queueWith(...names: string[]): CoalescingQueue {
  const queue = new CoalescingQueue();
  names.forEach((name, i) => {
    queue.enqueue(upsert(name, 10 + i, PROGRESSING), 1000 + i);
  });
  return queue;
}

describe("CoalescingQueue", () => {
  it("keys an object by group, kind, namespace and name, whatever its version", () => {
    const v1 = upsert("web", 1, HEALTHY, { apiVersion: "apps/v1" });
    const beta = upsert("web", 2, HEALTHY, { apiVersion: "apps/v1beta2" });
    expect(eventKeyOf(v1)).toBe("apps/Deployment/default/web");
    expect(eventKeyOf(beta)).toBe(eventKeyOf(v1));
    expect(eventKeyOf(upsert("kube", 1, HEALTHY, { apiVersion: "v1", kind: "Node", namespace: "" }))).toBe(
      "/Node//kube",
    );
  });

  it("holds one entry per object: a newer status replaces the queued one", () => {
    const queue = new CoalescingQueue();
    expect(queue.enqueue(upsert("web", 1, PROGRESSING), 0)).toBe("added");
    expect(queue.enqueue(upsert("web", 2, DEGRADED), 1)).toBe("replaced");
    expect(queue.enqueue(upsert("web", 3, HEALTHY), 2)).toBe("replaced");
    expect(queue.size).toBe(1);
    expect(healthOf(queue.oldest())).toBe("Healthy");
  });

  it("keeps a replaced entry's place in line and its first enqueue time", () => {
    const queue = queueWith("a", "b", "c");
    queue.enqueue(upsert("a", 50, HEALTHY), 9000);
    const taken = queue.take(10, Infinity);
    expect(keysOf(taken)).toEqual([
      "apps/Deployment/default/a",
      "apps/Deployment/default/b",
      "apps/Deployment/default/c",
    ]);
    expect(taken[0]).toMatchObject({ enqueuedAt: 1000, resourceVersion: "50" });
  });

  it("lets a DELETE replace a queued UPSERT", () => {
    const queue = new CoalescingQueue();
    queue.enqueue(upsert("web", 1, HEALTHY), 0);
    queue.enqueue(deleted("web", 2), 1);
    expect(JSON.parse(queue.oldest()?.json ?? "{}").type).toBe("DELETE");
  });

  it("ignores a numerically older resourceVersion than the queued one", () => {
    const queue = new CoalescingQueue();
    queue.enqueue(upsert("web", 100, HEALTHY), 0);
    expect(queue.enqueue(upsert("web", 99, DEGRADED), 1)).toBe("older-ignored");
    expect(queue.enqueue(upsert("web", "0100", DEGRADED), 2)).toBe("replaced");
    expect(healthOf(queue.oldest())).toBe("Degraded");
  });

  it("stays bounded by the number of objects however many changes arrive", () => {
    const queue = new CoalescingQueue();
    for (let rv = 1; rv <= 10_000; rv++) queue.enqueue(upsert(`obj-${rv % 25}`, rv, HEALTHY), rv);
    expect(queue.size).toBe(25);
  });

  it("tracks the bytes of what it holds, replacements included", () => {
    const queue = new CoalescingQueue();
    queue.enqueue(upsert("web", 1, HEALTHY), 0);
    queue.enqueue(upsert("web", 2, DEGRADED), 0);
    queue.enqueue(upsert("api", 3, HEALTHY), 0);
    const held = queue.bytes;
    const taken = queue.take(10, Infinity);
    expect(held).toBe(taken.reduce((sum, e) => sum + Buffer.byteLength(e.json), 0));
    expect(queue.bytes).toBe(0);
  });

  it("takes at most the given count, oldest first", () => {
    const queue = queueWith("a", "b", "c", "d");
    expect(keysOf(queue.take(3, Infinity)).map((k) => k.at(-1))).toEqual(["a", "b", "c"]);
    expect(queue.size).toBe(1);
  });

  it("takes only what fits in the byte budget, counting the commas between events", () => {
    const queue = queueWith("a", "b", "c");
    const one = queue.oldest()?.bytes ?? 0;
    expect(queue.take(10, 2 * one).length).toBe(1);
    expect(queue.take(10, 2 * one + 1).length).toBe(2);
  });

  it("takes one event larger than the budget rather than blocking behind it", () => {
    const queue = queueWith("a", "b");
    expect(queue.take(10, 1).length).toBe(1);
  });

  it("puts a failed batch back at the front, in its order", () => {
    const queue = queueWith("a", "b", "c", "d");
    const failed = queue.take(2, Infinity);
    expect(queue.putBack(failed)).toBe(2);
    expect(keysOf(queue.take(10, Infinity)).map((k) => k.at(-1))).toEqual(["a", "b", "c", "d"]);
  });

  it("never lets a put-back status overwrite a newer one queued meanwhile", () => {
    const queue = queueWith("a", "b");
    const failed = queue.take(2, Infinity);
    queue.enqueue(upsert("a", 99, DEGRADED), 5000);
    expect(queue.putBack(failed)).toBe(1);
    const all = queue.take(10, Infinity);
    expect(all.map((e) => [e.key.at(-1), healthOf(e)])).toEqual([
      ["b", "Progressing"],
      ["a", "Degraded"],
    ]);
  });

  it("restores the byte count when a batch is put back", () => {
    const queue = queueWith("a", "b", "c");
    const before = queue.bytes;
    queue.putBack(queue.take(2, Infinity));
    expect(queue.bytes).toBe(before);
  });

  it("numbers entries so a snapshot can tell what was queued before it", () => {
    const queue = queueWith("a", "b");
    const barrier = queue.lastSeq;
    queue.enqueue(upsert("a", 90, HEALTHY), 0);
    queue.enqueue(upsert("z", 91, HEALTHY), 0);
    const seqs = queue.take(10, Infinity).map((e) => e.seq <= barrier);
    expect(seqs).toEqual([true, true, false]);
  });

  it("coalesces at least 50k events a second", () => {
    const events = Array.from({ length: 100_000 }, (_, i) => upsert(`obj-${i % 5000}`, i + 1, HEALTHY));
    for (const event of events.slice(0, 20_000)) new CoalescingQueue().enqueue(event, 0); // warm up the JIT
    const queue = new CoalescingQueue();
    const started = performance.now();
    for (const event of events) queue.enqueue(event, 0);
    const seconds = (performance.now() - started) / 1000;
    expect(queue.size).toBe(5000);
    expect(events.length / seconds).toBeGreaterThan(50_000);
  });
});
