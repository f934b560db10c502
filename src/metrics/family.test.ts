import { describe, expect, it } from "vitest";
import { familyHeader, openMetricsName } from "./family.ts";

describe("family headers", () => {
  it("name counters and info families by their samples in text and without the suffix in OpenMetrics", () => {
    expect(openMetricsName("jobs_total", "counter")).toBe("jobs");
    expect(openMetricsName("build_info", "info")).toBe("build");
    expect(openMetricsName("machines_total", "gauge")).toBe("machines_total");
  });

  it("type a state set as a gauge in text and as a stateset in OpenMetrics", () => {
    const family = { name: "engine", help: "Engine.", type: "stateSet" as const };

    expect(familyHeader(family, "text")).toBe("# HELP engine Engine.\n# TYPE engine gauge\n");
    expect(familyHeader(family, "openmetrics")).toBe("# HELP engine Engine.\n# TYPE engine stateset\n");
  });
});
