import { describe, expect, it } from "vitest";
import { staleClustersEmfLine } from "./stale-clusters-metric.ts";

describe("staleClustersEmfLine", () => {
  it("writes one Embedded Metric Format record CloudWatch turns into the StaleClusters metric", () => {
    const line = staleClustersEmfLine("status-recorder", 2, new Date("2025-05-01T12:00:00Z"));

    expect(JSON.parse(line)).toEqual({
      _aws: {
        Timestamp: 1746100800000,
        CloudWatchMetrics: [
          {
            Namespace: "StatusRecorder",
            Dimensions: [["TableName"]],
            Metrics: [{ Name: "StaleClusters", Unit: "Count" }],
          },
        ],
      },
      TableName: "status-recorder",
      StaleClusters: 2,
    });
  });

  it("fits on one line, as CloudWatch Logs needs to recognise it", () => {
    expect(staleClustersEmfLine("t", 0, new Date(0))).not.toContain("\n");
  });
});
