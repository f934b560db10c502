import { describe, expect, test, vi } from "vitest";
import { createReadApp } from "../src/http/read-app.ts";
import { objectKeyOf } from "../src/model/object-key.ts";
import { deployment } from "./support/kube-api-server/test-objects.ts";
import { useRelayWorld } from "./support/relay-world.ts";

// A name holding "#" and a newline (as path-segment names may) crosses every part: the relay's
// tracker and queue, the wire check, the ingest, the snapshot's key list, the read API's key.

const world = useRelayWorld();
const converged = { timeout: 30_000, interval: 100 };
const ODD = "a#b\nc";
const ref = (name: string) => ({ group: "apps", kind: "Deployment", namespace: "default", name });

describe("an object whose name holds # and a newline", () => {
  test("keeps its own record and history, and stays alive through the next relay's snapshot", async () => {
    world.server.apply(deployment(ODD));
    world.server.apply(deployment("a"));
    const gone = world.server.apply(deployment("gone"));
    const first = world.relay();
    await first.start();
    const stored = () => world.table.store.getObject(world.cluster, ref(ODD));
    const tombstonedBy = async (name: string) => {
      const object = await world.table.store.getObject(world.cluster, ref(name));
      if (!object) throw new Error(`${name} is not stored yet`);
      return object.tombstonedBy;
    };
    await vi.waitFor(async () => expect(await stored()).toBeDefined(), converged);
    await vi.waitFor(async () => expect(await tombstonedBy("gone")).toBeUndefined(), converged);
    await first.stop();
    const before = await stored();
    world.server.delete(gone);

    // The next relay lists the kind again: a snapshot naming both, whose last part tombstones the
    // object deleted while nobody watched (which shows the last part was applied).
    await world.relay().start();
    await vi.waitFor(async () => expect(await tombstonedBy("gone")).toBeDefined(), converged);

    const after = await stored();
    expect(after?.status.health).not.toBe("Missing");
    expect(after?.tombstonedBy).toBeUndefined();
    expect(after?.objectKey).toBe(objectKeyOf(ref(ODD)));
    expect(after?.transitions).toBe(before?.transitions);
    const history = await world.table.store.listHistory(world.cluster, objectKeyOf(ref(ODD)), {}, new Date());
    expect(history.items.map((t) => t.cause)).toEqual(["event"]);
    expect((await world.table.store.getObject(world.cluster, ref("a")))?.tombstonedBy).toBeUndefined();

    // And a reader finds it by the key the objects list gives.
    const read = createReadApp({ store: world.table.store, auth: { disabled: true } });
    const key = encodeURIComponent(objectKeyOf(ref(ODD)));
    const res = await read.request(`/v1/clusters/${world.cluster}/history?objectKey=${key}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(1);
  }, 60_000);
});
