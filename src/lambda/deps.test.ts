import { describe, expect, it } from "vitest";
import { createLambdaDeps } from "./deps.ts";

const ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:status-recorder/sealing-key-AbCdEf";

describe("createLambdaDeps", () => {
  it("builds a store sealing with the key from the secret", async () => {
    const deps = await createLambdaDeps({
      env: { TABLE_NAME: "status", SEALING_KEY_SECRET_ARN: ARN, AWS_REGION: "eu-west-1" },
      fetchSecret: async () => "cd".repeat(32),
    });

    expect(deps.env.TABLE_NAME).toBe("status");
    expect(typeof deps.store.applyBatch).toBe("function");
  });

  it("builds a read-only function's store that refuses to open secrets", async () => {
    const { store } = await createLambdaDeps({ env: { TABLE_NAME: "status" }, sealing: false });

    // Every other call needs a table; creating a cluster seals first, so it fails before any I/O.
    await expect(store.createCluster("edge-1", "s".repeat(32), new Date())).rejects.toThrow(/no sealing key/);
  });
});
