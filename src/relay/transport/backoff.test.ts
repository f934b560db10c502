import { describe, expect, it } from "vitest";
import { backoffCeiling, DEFAULT_BACKOFF, fullJitter, parseRetryAfter } from "./backoff.ts";

const policy = DEFAULT_BACKOFF;

describe("backoffCeiling", () => {
  it("doubles from 250 ms with each consecutive failure", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffCeiling(n, policy))).toEqual([250, 500, 1000, 2000, 4000]);
  });

  it("stops at the 30 s cap, however many failures", () => {
    expect(backoffCeiling(8, policy)).toBe(30_000);
    expect(backoffCeiling(10_000, policy)).toBe(30_000);
  });

  it("is zero before any failure", () => {
    expect(backoffCeiling(0, policy)).toBe(0);
  });
});

describe("fullJitter", () => {
  it("spreads the wait uniformly between zero and the ceiling", () => {
    expect(fullJitter(3, policy, () => 0)).toBe(0);
    expect(fullJitter(3, policy, () => 0.5)).toBe(500);
    expect(fullJitter(3, policy, () => 0.999999)).toBe(999);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2027-01-15T10:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
  });

  it("reads an IMF-fixdate as the time left until it", () => {
    expect(parseRetryAfter("Fri, 15 Jan 2027 10:00:30 GMT", now)).toBe(30_000);
  });

  it("reads the obsolete RFC 850 date form", () => {
    expect(parseRetryAfter("Friday, 15-Jan-27 10:01:00 GMT", now)).toBe(60_000);
  });

  it("treats a date in the past as no wait", () => {
    expect(parseRetryAfter("Thu, 14 Jan 2027 10:00:00 GMT", now)).toBe(0);
  });

  it.each([[null], [undefined], [""], ["soon"], ["-1"], ["1.5"]])("ignores %j", (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
