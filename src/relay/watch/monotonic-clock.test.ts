import { describe, expect, it } from "vitest";
import { monotonicClock } from "./monotonic-clock.ts";

describe("monotonicClock", () => {
  it("never goes backwards when the wall clock is stepped back, and follows it again once past", () => {
    const wall = [1000, 2000, 1500, 1800, 2500].map((ms) => new Date(ms));
    const clock = monotonicClock(() => wall.shift() ?? new Date(0));
    expect([clock(), clock(), clock(), clock(), clock()].map((d) => d.getTime())).toEqual([
      1000, 2000, 2000, 2000, 2500,
    ]);
  });

  it("is one clock however often it is wrapped", () => {
    const clock = monotonicClock();
    expect(monotonicClock(clock)).toBe(clock);
  });
});
