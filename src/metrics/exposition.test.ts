import { describe, expect, it } from "vitest";
import { escapeHelp, escapeLabelValue, formatValue, pushSample } from "./exposition.ts";

describe("exposition text", () => {
  it("escapes backslash, double quote and newline in label values", () => {
    expect(escapeLabelValue('C:\\tmp "x"\nnext')).toBe('C:\\\\tmp \\"x\\"\\nnext');
  });

  it("escapes a double quote in HELP only for OpenMetrics, where the text format would call it invalid", () => {
    expect(escapeHelp('say "hi"\\\n', "text")).toBe('say "hi"\\\\\\n');
    expect(escapeHelp('say "hi"\\\n', "openmetrics")).toBe('say \\"hi\\"\\\\\\n');
  });

  it("writes special values as both formats spell them", () => {
    expect([formatValue(3), formatValue(0.25), formatValue(1e21), formatValue(Number.NaN)]).toEqual([
      "3",
      "0.25",
      "1e+21",
      "NaN",
    ]);
    expect([formatValue(Number.POSITIVE_INFINITY), formatValue(Number.NEGATIVE_INFINITY)]).toEqual([
      "+Inf",
      "-Inf",
    ]);
  });

  it("writes a sample with identity and own labels, or none", () => {
    const parts: string[] = [];

    pushSample(parts, "a", 'cluster="x"', [["health", "Healthy"]], 1);
    pushSample(parts, "b", "", [["k", "v"]], 2);
    pushSample(parts, "c", "", [], 3);

    expect(parts.join("")).toBe('a{cluster="x",health="Healthy"} 1\nb{k="v"} 2\nc 3\n');
  });
});
