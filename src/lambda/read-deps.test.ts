import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestTable } from "../store/testing/test-store.ts";
import { at } from "../store/testing/wire-events.ts";
import { createReadDeps } from "./read-deps.ts";

const t = useTestTable();

// The SDK takes credentials from the process environment, whatever env the function reads.
beforeAll(() => {
  vi.stubEnv("AWS_ACCESS_KEY_ID", "local");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "local");
});

const envOf = () => ({
  TABLE_NAME: t.db.tableName,
  DYNAMODB_ENDPOINT: t.db.endpoint,
  AWS_REGION: "local",
});

async function storeFleetConfig(document: Record<string, unknown>) {
  await t.store.putConfig({}, JSON.stringify(document), document, at(0));
}

describe("createReadDeps", () => {
  it("gives every default when no fleet config is stored", async () => {
    await t.store.deleteConfig({});

    const settings = await createReadDeps({ env: envOf() }).settings();

    expect(settings).toMatchObject({
      staleAfterMs: 300_000,
      customFamilies: [],
      bundleLabelKey: "emco/deployment-id",
    });
  });

  it("reads the fleet config with durations parsed", async () => {
    await storeFleetConfig({ staleAfter: "90s", bundles: { labelKeys: ["app.example.com/bundle"] } });

    const settings = await createReadDeps({ env: envOf() }).settings();

    expect(settings).toMatchObject({ staleAfterMs: 90_000, bundleLabelKey: "app.example.com/bundle" });
  });

  it("reads the fleet config's custom metric families as declared", async () => {
    const family = {
      name: "widget_phase",
      help: "the phase of a widget",
      kind: "Widget",
      type: "stateSet",
      state: "object.status.phase",
      states: ["Ready", "Pending"],
      labels: { owner: "object.metadata.labels.owner" },
    };
    await storeFleetConfig({ metrics: [family] });

    const settings = await createReadDeps({ env: envOf() }).settings();

    expect(settings.customFamilies).toEqual([family]);
  });

  it("builds a store that refuses to open cluster secrets, even with a sealing key in the environment", async () => {
    const cluster = t.cluster();
    await t.store.createCluster(cluster, "relay-secret-0123456789", at(0));

    const { store } = createReadDeps({ env: { ...envOf(), SEALING_KEY: "cd".repeat(32) } });

    await expect(store.getClusterCredentials(cluster, at(1))).rejects.toThrow(/no sealing key/);
  });

  it("publishes the stale-cluster count of a render as the EMF line the alarm reads", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const { onStaleClusters } = createReadDeps({ env: envOf() });

    onStaleClusters(2, new Date(0));

    const line = JSON.parse(String(log.mock.calls[0]?.[0]));
    log.mockRestore();
    expect(line).toMatchObject({ TableName: t.db.tableName, StaleClusters: 2 });
  });

  it("fails requests naming the field of a fleet config that does not validate", async () => {
    await storeFleetConfig({ staleAfter: "soon" });

    await expect(createReadDeps({ env: envOf() }).settings()).rejects.toThrow(
      `fleet config in table ${t.db.tableName}: staleAfter: expected a positive duration`,
    );
  });
});
