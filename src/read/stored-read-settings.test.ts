import { describe, expect, it, vi } from "vitest";
import { validateStoredConfig } from "../config/stored-config.ts";
import { useTestTable } from "../store/testing/test-store.ts";
import { at } from "../store/testing/wire-events.ts";
import { FIRST_READ_RETRY_MS, READ_SETTINGS_REFRESH_MS, storedReadSettings } from "./stored-read-settings.ts";

const t = useTestTable();

function source(clock: { now: number }, warn = vi.fn()) {
  const store = t.store;
  const listConfigs = vi.fn(() => store.listConfigs());
  const settings = storedReadSettings({
    store: { listConfigs },
    clock: () => new Date(clock.now),
    validate: validateStoredConfig,
    warn,
  });
  return { settings, listConfigs, warn };
}

const apply = (document: Record<string, unknown>, cluster?: string) =>
  t.store.putConfig(cluster ? { cluster } : {}, JSON.stringify(document), document, at(0));

describe("storedReadSettings", () => {
  it("reads the table once per refresh period, however many requests come", async () => {
    await apply({ staleAfter: "2m" });
    const clock = { now: 0 };
    const { settings, listConfigs } = source(clock);

    const first = await Promise.all([settings(), settings(), settings()]);
    clock.now += READ_SETTINGS_REFRESH_MS - 1;
    await settings();

    expect(first.map((s) => s.staleAfterMs)).toEqual([120_000, 120_000, 120_000]);
    expect(listConfigs).toHaveBeenCalledTimes(1);
  });

  it("takes up a config apply once the settings are a refresh period old, without making a request wait", async () => {
    await apply({ staleAfter: "2m" });
    const clock = { now: 0 };
    const { settings } = source(clock);
    const before = await settings();

    await apply({ staleAfter: "7m", bundles: { labelKeys: ["team/bundle"] } });
    expect((await settings()).staleAfterMs).toBe(120_000);
    clock.now += READ_SETTINGS_REFRESH_MS;
    expect((await settings()).staleAfterMs).toBe(120_000); // served at once; the read runs behind it

    await vi.waitFor(async () => expect((await settings()).staleAfterMs).toBe(420_000));
    const after = await settings();
    expect(after.bundleLabelKey).toBe("team/bundle");
    expect(after.revision).not.toBe(before.revision);
  });

  it("applies a cluster's own staleAfter, merged over the fleet's as its relay sees it", async () => {
    const [slow, same, other] = [t.cluster(), t.cluster(), t.cluster()];
    await apply({ staleAfter: "5m" });
    await apply({ staleAfter: "1h" }, slow);
    await apply({ staleAfter: "5m" }, same);
    await apply({ bundles: { labelKeys: ["x"] } }, other);

    const settings = await source({ now: 0 }).settings();

    expect(settings.staleAfterMs).toBe(300_000);
    expect(settings.staleAfterByCluster.get(slow)).toBe(3_600_000);
    expect(settings.staleAfterByCluster.has(same)).toBe(false);
    expect(settings.staleAfterByCluster.has(other)).toBe(false);
  });

  it("keeps a cluster's staleAfter when another part of its override does not validate", async () => {
    const odd = t.cluster();
    await apply({ staleAfter: "5m" });
    await apply({ staleAfter: "10m", watch: "everything" }, odd);

    expect((await source({ now: 0 }).settings()).staleAfterByCluster.get(odd)).toBe(600_000);
    await t.store.deleteConfig({ cluster: odd });
  });

  it("ignores, with a warning, a cluster override whose staleAfter does not validate", async () => {
    const broken = t.cluster();
    await apply({ staleAfter: "5m" });
    await apply({ staleAfter: "later" }, broken);
    const { settings, warn } = source({ now: 0 });

    expect((await settings()).staleAfterByCluster.has(broken)).toBe(false);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(`staleAfter of cluster ${broken}`),
      expect.anything(),
    );
    await t.store.deleteConfig({ cluster: broken });
  });

  it("keeps serving what it read before when a reload fails, and tries again a period later", async () => {
    await apply({ staleAfter: "2m" });
    const clock = { now: 0 };
    const { settings, listConfigs, warn } = source(clock);
    await settings();

    await apply({ staleAfter: "soon" });
    clock.now += READ_SETTINGS_REFRESH_MS;
    expect((await settings()).staleAfterMs).toBe(120_000);
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining("serving with the config read before"),
        expect.anything(),
      ),
    );
    expect((await settings()).staleAfterMs).toBe(120_000);
    expect(listConfigs).toHaveBeenCalledTimes(2);

    await apply({ staleAfter: "3m" });
    clock.now += READ_SETTINGS_REFRESH_MS;
    await settings();
    await vi.waitFor(async () => expect((await settings()).staleAfterMs).toBe(180_000));
  });

  it("fails with the problem named when the first read finds a fleet config that does not validate", async () => {
    await apply({ staleAfter: "soon" });
    const clock = { now: 0 };
    const { settings, listConfigs } = source(clock);

    const error = await settings().catch((e: unknown) => e);
    const again = await settings().catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "MisconfiguredError" });
    expect((error as Error).message).toMatch(/^fleet config: staleAfter: expected a positive duration/);
    expect(again).toBe(error); // given again for a while without asking the table
    expect(listConfigs).toHaveBeenCalledTimes(1);
    await apply({});
    clock.now += FIRST_READ_RETRY_MS;
    expect((await settings()).staleAfterMs).toBe(300_000);
  });
});
