import { describe, expect, it } from "vitest";
import { DEFAULT_BACKOFF } from "./backoff.ts";
import { FailureGate } from "./failure-gate.ts";

const gate = (random = () => 0.5) => new FailureGate({ threshold: 3, policy: DEFAULT_BACKOFF, random });

function failTimes(g: FailureGate, n: number, now = 0) {
  let last = { waitMs: 0, opened: false };
  for (let i = 0; i < n; i++) last = g.recordFailure(now);
  return last;
}

describe("FailureGate", () => {
  it("lets the first attempt through at once", () => {
    expect(gate().nextAttemptAt).toBe(0);
    expect(gate().state).toBe("closed");
  });

  it("waits a full-jitter backoff after a failure below the threshold", () => {
    const g = gate(() => 0.5);
    expect(g.recordFailure(10_000)).toEqual({ waitMs: 125, opened: false });
    expect(g.recordFailure(10_000).waitMs).toBe(250);
    expect(g.nextAttemptAt).toBe(10_250);
    expect(g.state).toBe("closed");
  });

  it("opens at the threshold and then waits the whole interval between probes", () => {
    const g = gate(() => 0);
    failTimes(g, 2);
    expect(g.recordFailure(0)).toEqual({ waitMs: 1000, opened: true });
    expect(g.state).toBe("open");
    expect(g.recordFailure(0)).toEqual({ waitMs: 2000, opened: false });
  });

  it("probes no more often than the 30 s cap once the interval has grown", () => {
    const g = gate(() => 0);
    expect(failTimes(g, 50).waitMs).toBe(30_000);
  });

  it("marks the attempt through an open gate as its probe", () => {
    const g = gate();
    failTimes(g, 3);
    g.beginAttempt();
    expect(g.state).toBe("half-open");
  });

  it("waits at least as long as Retry-After asks", () => {
    const g = gate(() => 0);
    expect(g.recordFailure(0, 5000).waitMs).toBe(5000);
  });

  it("cuts a Retry-After longer than the policy allows", () => {
    const g = gate();
    expect(g.recordFailure(0, 86_400_000).waitMs).toBe(DEFAULT_BACKOFF.maxRetryAfterMs);
  });

  it("closes on the first success and forgets the failures", () => {
    const g = gate();
    failTimes(g, 4, 1000);
    g.beginAttempt();
    expect(g.recordSuccess()).toBe(true);
    expect(g).toMatchObject({ state: "closed", failures: 0, nextAttemptAt: 0 });
    expect(g.recordFailure(0).opened).toBe(false);
  });

  it("reports a success with no failure before it as no recovery", () => {
    expect(gate().recordSuccess()).toBe(false);
  });
});
