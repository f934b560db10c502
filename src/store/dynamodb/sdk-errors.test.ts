import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../errors.ts";
import { createAesGcmSealer } from "../secret-sealer.ts";
import { createDynamoStatusStore } from "./dynamodb-status-store.ts";
import { guard } from "./sdk-errors.ts";

describe("SDK faults", () => {
  it("become StoreUnavailableError when the table cannot be reached", async () => {
    const client = new DynamoDBClient({
      endpoint: "http://127.0.0.1:9", // discard port: nothing listens
      region: "local",
      credentials: { accessKeyId: "x", secretAccessKey: "y" },
      maxAttempts: 1,
    });
    const store = createDynamoStatusStore({
      client,
      tableName: "t",
      sealer: createAesGcmSealer(new Uint8Array(32)),
    });
    await expect(store.listClusters()).rejects.toBeInstanceOf(StoreUnavailableError);
    client.destroy();
  });

  it("become StoreUnavailableError when DynamoDB throttles", async () => {
    const throttled = Object.assign(new Error("slow down"), { name: "ThrottlingException" });
    await expect(guard("Query", () => Promise.reject(throttled))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it("pass other errors through unchanged", async () => {
    const invalid = Object.assign(new Error("bad"), {
      name: "ValidationException",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(guard("Query", () => Promise.reject(invalid))).rejects.toBe(invalid);
  });
});
