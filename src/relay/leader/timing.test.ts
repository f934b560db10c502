import { describe, expect, it } from "vitest";
import { DEFAULT_TIMING, electionTiming } from "./timing.ts";

describe("election timing", () => {
  it("defaults to a 15 s lease renewed every 5 s, giving up after 10 s, retrying every 2 s", () => {
    expect(electionTiming({})).toEqual(DEFAULT_TIMING);
    expect(DEFAULT_TIMING).toMatchObject({
      leaseDurationSeconds: 15,
      renewIntervalMs: 5_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
    });
  });

  it("refuses a renew deadline that would let a standby take over while the leader still sends", () => {
    expect(() => electionTiming({ leaseDurationSeconds: 10, renewDeadlineMs: 10_000 })).toThrow(
      /renewDeadlineMs must be shorter than the lease duration/,
    );
  });

  it("refuses a renew deadline with room for no retry", () => {
    expect(() => electionTiming({ renewDeadlineMs: 2_400, renewIntervalMs: 1_000 })).toThrow(
      /1.2 × retryPeriodMs/,
    );
  });

  it("refuses a lease of a fraction of a second, which a Lease cannot state", () => {
    expect(() => electionTiming({ leaseDurationSeconds: 0.5 })).toThrow(/whole number of seconds/);
  });
});
