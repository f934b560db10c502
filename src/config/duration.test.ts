import { describe, expect, it } from "vitest";
import { durationSchema, formatDuration, parseDuration } from "./duration.ts";

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["1h30m", 5_400_000],
    ["500ms", 500],
    ["1.5s", 1_500],
    ["2d", 172_800_000],
  ])("reads %s as %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "5", "5x", "m5", "-5m", "5 m", "1h 30m"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe("formatDuration", () => {
  it("spells milliseconds with the largest units first", () => {
    expect(formatDuration(5_400_000)).toBe("1h30m");
  });

  it("round-trips through parseDuration", () => {
    for (const ms of [1, 999, 30_000, 300_000, 86_400_000 + 61_001])
      expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});

describe("durationSchema", () => {
  it("turns a duration into milliseconds", () => {
    expect(durationSchema.parse("5m")).toBe(300_000);
  });

  it("rejects a zero duration", () => {
    expect(durationSchema.safeParse("0s").success).toBe(false);
  });
});
