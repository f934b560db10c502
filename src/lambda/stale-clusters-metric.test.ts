import { describe, expect, it } from "vitest";
import {
  STALE_CLUSTERS_REPUBLISH_MS,
  staleClustersEmfLine,
  staleClustersReporter,
} from "./stale-clusters-metric.ts";

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

describe("staleClustersReporter", () => {
  it("publishes a changed count at once and an unchanged one once a minute", () => {
    const lines: string[] = [];
    const report = staleClustersReporter("t", (line) => lines.push(line));
    const counts = () => lines.map((line) => JSON.parse(line).StaleClusters);

    report(0, new Date(0));
    report(0, new Date(15_000));
    report(1, new Date(30_000));
    report(1, new Date(45_000));
    report(1, new Date(30_000 + STALE_CLUSTERS_REPUBLISH_MS));

    expect(counts()).toEqual([0, 1, 1]);
  });
});
