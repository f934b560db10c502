import { describe, expect, it } from "vitest";
import { useTestTable } from "../testing/test-store.ts";
import { at } from "../testing/wire-events.ts";
import { mergeConfig } from "./config.ts";

const t = useTestTable();
const fleetDefault = { watch: [{ apiVersion: "apps/v1", kind: "Deployment" }], staleAfter: "5m" };

describe("desired config", () => {
  it("stores the text as written with its parsed document and a content revision", async () => {
    const raw = "staleAfter: 5m\n";
    const stored = await t.store.putConfig({ cluster: "solo" }, raw, { staleAfter: "5m" }, at(0));
    expect(await t.store.getConfig({ cluster: "solo" })).toEqual(stored);
    expect(stored.revision).toMatch(/^[0-9a-f]{16}$/);
  });

  it("lists the fleet default and every override in one read, each with its scope", async () => {
    const [a, b] = [t.cluster(), t.cluster()];
    await t.store.putConfig({}, "default", fleetDefault, at(0));
    await t.store.putConfig({ cluster: a }, "a", { staleAfter: "1m" }, at(0));
    await t.store.putConfig({ cluster: b }, "b", { staleAfter: "2m" }, at(0));

    const listed = await t.store.listConfigs();

    const byScope = (cluster?: string) => listed.find((c) => c.scope.cluster === cluster);
    expect(byScope()).toMatchObject({ raw: "default", document: fleetDefault, scope: {} });
    expect(byScope(a)).toMatchObject({ raw: "a", document: { staleAfter: "1m" }, scope: { cluster: a } });
    expect(byScope(b)?.document).toEqual({ staleAfter: "2m" });
  });

  it("merges a cluster's override over the fleet default, key by top-level key", async () => {
    const a = t.cluster();
    await t.store.putConfig({}, "default", fleetDefault, at(0));
    await t.store.putConfig(
      { cluster: a },
      "override",
      { staleAfter: "1m", bundles: { labelKeys: ["x"] } },
      at(0),
    );
    const effective = await t.store.getEffectiveConfig(a);
    expect(effective.document).toEqual({ ...fleetDefault, staleAfter: "1m", bundles: { labelKeys: ["x"] } });
    expect((await t.store.getEffectiveConfig(t.cluster())).document).toEqual(fleetDefault);
  });

  it("keeps each cluster's configRevision equal to its effective config's revision", async () => {
    const [a, b] = [t.cluster(), t.cluster()];
    await t.store.createCluster(a, "relay-secret-0123456789", at(0));
    await t.store.createCluster(b, "relay-secret-0123456789", at(0));
    const revisionOf = async (name: string) => (await t.store.getCluster(name))?.configRevision;
    const effectiveOf = async (name: string) => (await t.store.getEffectiveConfig(name)).revision;

    await t.store.putConfig({}, "v2", { ...fleetDefault, staleAfter: "10m" }, at(1));
    expect(await revisionOf(a)).toBe(await effectiveOf(a));
    const before = await revisionOf(b);
    await t.store.putConfig({ cluster: a }, "o", { staleAfter: "2m" }, at(2));
    expect(await revisionOf(a)).toBe(await effectiveOf(a));
    expect(await revisionOf(b)).toBe(before);
    await t.store.deleteConfig({ cluster: a });
    expect(await revisionOf(a)).toBe(await revisionOf(b));
  });

  it("gives the same revision to documents that differ only in key order", () => {
    expect(mergeConfig({ a: 1, b: { c: 2, d: 3 } }, undefined).revision).toBe(
      mergeConfig({ b: { d: 3, c: 2 }, a: 1 }, undefined).revision,
    );
    expect(mergeConfig({ a: 1 }, undefined).revision).not.toBe(mergeConfig({ a: 2 }, undefined).revision);
  });

  it("forgets a removed cluster's override", async () => {
    const name = t.cluster();
    await t.store.createCluster(name, "relay-secret-0123456789", at(0));
    await t.store.putConfig({ cluster: name }, "o", { staleAfter: "2m" }, at(1));
    await t.store.removeCluster(name);
    expect(await t.store.getConfig({ cluster: name })).toBeUndefined();
  });
});
