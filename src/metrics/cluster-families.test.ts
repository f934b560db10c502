import { describe, expect, it } from "vitest";
import { MetricsCache } from "./metrics-cache.ts";
import { lines } from "./testing/render.ts";
import { clusterRecord } from "./testing/stored-object.ts";

const NOW = Date.parse("2025-03-01T10:10:00Z");

function render(records: Parameters<MetricsCache["setClusters"]>[0]) {
  const cache = new MetricsCache({ staleAfterMs: 5 * 60_000 });
  cache.setClusters(records, NOW);
  return cache.render();
}

describe("cluster families", () => {
  it("report a cluster seen within the staleness window as up", () => {
    const text = render([clusterRecord("prod-eu", "2025-03-01T10:06:00.500Z")]);

    expect(text).toBe(
      lines(
        "# HELP status_recorder_cluster_last_seen_timestamp_seconds When the cluster's relay was last heard from, in unix seconds.",
        "# TYPE status_recorder_cluster_last_seen_timestamp_seconds gauge",
        'status_recorder_cluster_last_seen_timestamp_seconds{cluster="prod-eu"} 1740823560.5',
        "# HELP status_recorder_cluster_up 1 when the cluster's relay was heard from within the staleness window, else 0.",
        "# TYPE status_recorder_cluster_up gauge",
        'status_recorder_cluster_up{cluster="prod-eu"} 1',
      ),
    );
  });

  it("report a cluster silent for longer than the window as down", () => {
    const text = render([clusterRecord("edge-7", "2025-03-01T10:04:59Z")]);

    expect(text).toContain('status_recorder_cluster_up{cluster="edge-7"} 0\n');
  });

  it("judge a cluster by its own staleness window when its config overrides the fleet's", () => {
    const cache = new MetricsCache({ staleAfterMs: 5 * 60_000 });

    cache.setClusters(
      [clusterRecord("edge-7", "2025-03-01T09:50:00Z")],
      NOW,
      new Map([["edge-7", 30 * 60_000]]),
    );

    expect(cache.render()).toContain('status_recorder_cluster_up{cluster="edge-7"} 1\n');
  });

  it("report a cluster whose relay never called as down, with no last-seen series", () => {
    const text = render([clusterRecord("new-cluster")]);

    expect(text).toContain('status_recorder_cluster_up{cluster="new-cluster"} 0\n');
    expect(text).not.toContain("status_recorder_cluster_last_seen_timestamp_seconds{");
  });

  it("forget clusters that are no longer registered", () => {
    const cache = new MetricsCache({ staleAfterMs: 5 * 60_000 });
    cache.setClusters(
      [clusterRecord("a", "2025-03-01T10:09:00Z"), clusterRecord("b", "2025-03-01T10:09:00Z")],
      NOW,
    );

    cache.setClusters([clusterRecord("b", "2025-03-01T10:09:00Z")], NOW);

    expect(cache.render()).not.toContain('cluster="a"');
  });
});
