import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import {
  ClusterExistsError,
  ClusterNotFoundError,
  InvalidClusterNameError,
  WeakSecretError,
} from "../errors.ts";
import { useTestTable } from "../testing/test-store.ts";
import { at } from "../testing/wire-events.ts";

const t = useTestTable();

describe("cluster registry", () => {
  it("registers a cluster and reads it back without its secret", async () => {
    const name = t.cluster();
    const created = await t.store.createCluster(name, "first-secret-0123456789", at(0));
    expect(created).toMatchObject({ name, createdAt: at(0).toISOString() });
    expect(await t.store.getCluster(name)).toEqual(created);
    expect(JSON.stringify(created)).not.toContain("first-secret-0123456789");
  });

  it("refuses to register a name twice", async () => {
    const name = t.cluster();
    await t.store.createCluster(name, "first-secret-0123456789", at(0));
    await expect(t.store.createCluster(name, "other-secret-0123456789", at(1))).rejects.toBeInstanceOf(
      ClusterExistsError,
    );
    expect((await t.store.getClusterCredentials(name, at(2)))?.secrets).toEqual(["first-secret-0123456789"]);
  });

  it("refuses names that cannot be a key part or a label", async () => {
    for (const bad of ["", "Prod", "a#b", "_default", "-edge", "x".repeat(64)]) {
      await expect(t.store.createCluster(bad, "relay-secret-0123456789", at(0))).rejects.toBeInstanceOf(
        InvalidClusterNameError,
      );
    }
  });

  it("refuses a secret shorter than 16 characters, to register or to rotate to", async () => {
    const name = t.cluster();
    await expect(t.store.createCluster(name, "8-chars!", at(0))).rejects.toThrow(
      new WeakSecretError("a secret needs at least 16 characters, this one has 8"),
    );
    expect(await t.store.getCluster(name)).toBeUndefined();
    await t.store.createCluster(name, "sixteen-chars-ok", at(0));
    await expect(t.store.rotateClusterSecret(name, "8-chars!", at(1), 60)).rejects.toBeInstanceOf(
      WeakSecretError,
    );
    expect((await t.store.getClusterCredentials(name, at(2)))?.secrets).toEqual(["sixteen-chars-ok"]);
  });

  it("stores the secret sealed, never in the clear", async () => {
    const name = t.cluster();
    await t.store.createCluster(name, "plain-text-secret", at(0));
    const raw = await t.db.client.send(
      new GetItemCommand({ TableName: t.db.tableName, Key: { pk: { S: "CLUSTER" }, sk: { S: name } } }),
    );
    expect(JSON.stringify(raw.Item)).not.toContain("plain-text-secret");
  });

  it("lists registered clusters", async () => {
    const [a, b] = [t.cluster(), t.cluster()];
    await t.store.createCluster(a, "relay-secret-0123456789", at(0));
    await t.store.createCluster(b, "relay-secret-0123456789", at(0));
    const names = (await t.store.listClusters()).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining([a, b]));
  });

  it("removes a cluster, and says so when there is none to remove", async () => {
    const name = t.cluster();
    await t.store.createCluster(name, "relay-secret-0123456789", at(0));
    await t.store.removeCluster(name);
    expect(await t.store.getCluster(name)).toBeUndefined();
    await expect(t.store.removeCluster(name)).rejects.toBeInstanceOf(ClusterNotFoundError);
  });

  it("keeps the replaced secret valid for the grace period after a rotation", async () => {
    const name = t.cluster();
    await t.store.createCluster(name, "old-secret-0123456789", at(0));
    const rotated = await t.store.rotateClusterSecret(name, "new-secret-0123456789", at(100), 600);
    expect(rotated.previousValidUntil).toBe(at(700).toISOString());
    expect((await t.store.getClusterCredentials(name, at(699)))?.secrets).toEqual([
      "new-secret-0123456789",
      "old-secret-0123456789",
    ]);
    expect((await t.store.getClusterCredentials(name, at(700)))?.secrets).toEqual(["new-secret-0123456789"]);
  });

  it("refuses to rotate the secret of an unknown cluster", async () => {
    await expect(
      t.store.rotateClusterSecret(t.cluster(), "relay-secret-0123456789", at(0), 60),
    ).rejects.toBeInstanceOf(ClusterNotFoundError);
    expect(await t.store.getClusterCredentials(t.cluster(), at(0))).toBeUndefined();
  });

  it("records the relay's visit, but not again within 15 seconds", async () => {
    const name = t.cluster();
    const created = await t.store.createCluster(name, "relay-secret-0123456789", at(0));
    expect(await t.store.touchCluster(created, { relayVersion: "0.1.0", at: at(10) })).toBe(true);
    const seen = await t.store.getCluster(name);
    expect(seen).toMatchObject({ lastSeen: at(10).toISOString(), relayVersion: "0.1.0" });
    if (!seen) throw new Error("cluster vanished");
    expect(await t.store.touchCluster(seen, { relayVersion: "0.1.0", at: at(24) })).toBe(false);
    expect(await t.store.touchCluster(seen, { relayVersion: "0.2.0", at: at(24) })).toBe(true);
  });

  it("never moves lastSeen back when requests race", async () => {
    const name = t.cluster();
    const created = await t.store.createCluster(name, "relay-secret-0123456789", at(0));
    await t.store.touchCluster(created, { relayVersion: "0.1.0", at: at(100) });
    expect(await t.store.touchCluster(created, { relayVersion: "0.1.0", at: at(90) })).toBe(false);
    expect((await t.store.getCluster(name))?.lastSeen).toBe(at(100).toISOString());
  });
  it("records that a batch changed objects even within 15 seconds of the last visit", async () => {
    const name = t.cluster();
    const created = await t.store.createCluster(name, "relay-secret-0123456789", at(0));
    await t.store.touchCluster(created, { relayVersion: "0.1.0", at: at(10) });
    const seen = await t.store.getCluster(name);
    if (!seen) throw new Error("cluster vanished");

    const wrote = await t.store.touchCluster(seen, {
      relayVersion: "0.1.0",
      at: at(12),
      changed: true,
    });

    expect(wrote).toBe(true);
    expect(await t.store.getCluster(name)).toMatchObject({
      lastSeen: at(12).toISOString(),
      lastChangedAt: at(12).toISOString(),
    });
  });

  it("records a change even when a later visit was recorded first", async () => {
    const name = t.cluster();
    const created = await t.store.createCluster(name, "relay-secret-0123456789", at(0));
    await t.store.touchCluster(created, { relayVersion: "0.1.0", at: at(100) });

    await t.store.touchCluster(created, { relayVersion: "0.1.0", at: at(90), changed: true });

    expect(await t.store.getCluster(name)).toMatchObject({
      lastSeen: at(100).toISOString(),
      lastChangedAt: at(90).toISOString(),
    });
  });

  it("leaves lastChangedAt alone on a visit that changed nothing", async () => {
    const name = t.cluster();
    const created = await t.store.createCluster(name, "relay-secret-0123456789", at(0));

    await t.store.touchCluster(created, { relayVersion: "0.1.0", at: at(10), changed: false });

    expect((await t.store.getCluster(name))?.lastChangedAt).toBeUndefined();
  });
});
