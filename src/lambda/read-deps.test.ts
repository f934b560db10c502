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

    const { config } = await createReadDeps({ env: envOf() });

    expect(config).toMatchObject({
      staleAfter: 300_000,
      metrics: [],
      bundles: { labelKeys: ["emco/deployment-id"] },
    });
  });

  it("reads the fleet config with durations parsed", async () => {
    await storeFleetConfig({ staleAfter: "90s", bundles: { labelKeys: ["app.example.com/bundle"] } });

    const { config } = await createReadDeps({ env: envOf() });

    expect(config).toMatchObject({ staleAfter: 90_000, bundles: { labelKeys: ["app.example.com/bundle"] } });
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

    const { config } = await createReadDeps({ env: envOf() });

    expect(config.metrics).toEqual([family]);
  });

  it("builds a store that refuses to open cluster secrets, even with a sealing key in the environment", async () => {
    const cluster = t.cluster();
    await t.store.createCluster(cluster, "relay-secret-0123456789", at(0));

    const { store } = await createReadDeps({ env: { ...envOf(), SEALING_KEY: "cd".repeat(32) } });

    await expect(store.getClusterCredentials(cluster, at(1))).rejects.toThrow(/no sealing key/);
  });

  it("fails the cold start naming the field of a fleet config that no longer validates", async () => {
    await storeFleetConfig({ staleAfter: "soon" });

    await expect(createReadDeps({ env: envOf() })).rejects.toThrow(
      `fleet config in table ${t.db.tableName}: staleAfter: expected a positive duration`,
    );
  });
});
