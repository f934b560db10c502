import { describe, expect, it } from "vitest";
import { readSettings } from "./settings.ts";

const from = (context: Record<string, unknown>) => readSettings((key) => context[key]);

describe("readSettings", () => {
  it("defaults to one region, retained data, no reserved concurrency and 30-day retention", () => {
    expect(from({})).toEqual({
      tableName: "status-recorder",
      ingestMemoryMb: 512,
      readMemoryMb: 1024,
      logRetentionDays: 30,
      historyTtlDays: 30,
      removalPolicy: "retain",
      replicaRegions: [],
    });
  });

  it("reads numbers given as strings, as `cdk -c key=value` passes them", () => {
    expect(from({ ingestMemoryMb: "256", ingestReservedConcurrency: "20" })).toMatchObject({
      ingestMemoryMb: 256,
      ingestReservedConcurrency: 20,
    });
  });

  it("reads replica regions as a comma-separated string or a JSON list", () => {
    expect(from({ replicaRegions: "us-west-2,ap-southeast-2" }).replicaRegions).toEqual([
      "us-west-2",
      "ap-southeast-2",
    ]);
    expect(from({ replicaRegions: '["us-west-2"]' }).replicaRegions).toEqual(["us-west-2"]);
    expect(from({ replicaRegions: ["us-west-2"] }).replicaRegions).toEqual(["us-west-2"]);
  });

  it("refuses a log retention CloudWatch does not offer, listing the ones it does", () => {
    expect(() => from({ logRetentionDays: 31 })).toThrow(
      /logRetentionDays: must be one of 1, 3, 5, 7, 14, 30/,
    );
  });

  it("refuses both an alarm email and an alarm topic", () => {
    const both = { alarmEmail: "ops@example.com", alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:ops" };

    expect(() => from(both)).toThrow(/alarmEmail or alarmTopicArn, not both/);
  });

  it("names every bad key at once", () => {
    expect(() => from({ readMemoryMb: 64, removalPolicy: "delete", replicaRegions: "mars-1" })).toThrow(
      /readMemoryMb.*removalPolicy.*replicaRegions/,
    );
  });
});
