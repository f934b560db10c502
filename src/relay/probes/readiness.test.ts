import { describe, expect, it } from "vitest";
import type { GateState } from "../transport/failure-gate.ts";
import type { KindState } from "../watch/kind-state.ts";
import { ReadinessCheck } from "./readiness.ts";
import type { KindWatchStatus, ReadinessSources } from "./readiness-api.ts";

const CONFIG = { source: "backend", revision: "4f2a9c1e07b3d5a8" };
const WATCHING = (kind: string): KindWatchStatus => ({ kind, state: "watching" });

function check(sources: Partial<ReadinessSources>, now: () => number = Date.now) {
  return new ReadinessCheck(
    { config: () => CONFIG, watches: () => [WATCHING("apps/Deployment"), WATCHING("Pod")], ...sources },
    { maxGateOpenMs: 10 * 60_000 },
    now,
  );
}

describe("readiness", () => {
  it("is ready when the config is loaded and every kind is watched", () => {
    expect(check({}).evaluate()).toMatchObject({
      ready: true,
      status: "ready",
      role: "leader",
      reasons: [],
      config: CONFIG,
      watch: { watching: 2, total: 2, degraded: [] },
    });
  });

  it("is not ready before a config is loaded", () => {
    const report = check({ config: () => undefined }).evaluate();

    expect(report).toMatchObject({ ready: false, status: "not ready", reasons: ["config not loaded yet"] });
  });

  it("is not ready before the watches are set up", () => {
    expect(check({ watches: () => undefined }).evaluate().reasons).toEqual(["watches not started yet"]);
  });

  it("is not ready while a kind's first list is running", () => {
    const watches = () => [WATCHING("Pod"), { kind: "apps/Deployment", state: "listing" as const }];

    expect(check({ watches }).evaluate().reasons).toEqual(["first list still running for apps/Deployment"]);
  });

  it("stays ready while a kind that has synced before lists again", () => {
    const relisting: KindWatchStatus = {
      kind: "apps/Deployment",
      state: "listing",
      lastSyncAt: "2027-03-01T12:00:00Z",
    };

    expect(check({ watches: () => [WATCHING("Pod"), relisting] }).evaluate()).toMatchObject({
      ready: true,
      status: "ready",
      watch: { watching: 2, total: 2 },
    });
  });

  it("stays ready, reporting them as degraded, when some kinds cannot be watched", () => {
    const forbidden: KindWatchStatus = {
      kind: "argoproj.io/Application",
      state: "forbidden",
      lastError:
        'applications.argoproj.io is forbidden: User "system:serviceaccount:status-recorder:relay" cannot list',
    };
    const missing: KindWatchStatus = { kind: "cert-manager.io/Certificate", state: "not-installed" };
    const report = check({ watches: () => [WATCHING("Pod"), forbidden, missing] }).evaluate();

    expect(report).toMatchObject({
      ready: true,
      status: "degraded",
      watch: { watching: 1, total: 3, degraded: [forbidden, missing] },
    });
  });

  it("is not ready when no configured kind can be watched", () => {
    const watches = () => [
      { kind: "Pod", state: "forbidden" as const },
      { kind: "apps/Deployment", state: "backoff" as const },
    ];

    expect(check({ watches }).evaluate().reasons).toEqual(["no configured kind is being watched"]);
  });

  it("reads the watch set's kind states as they are", () => {
    const states: KindState[] = [
      {
        kind: "apps/Deployment",
        apiVersion: "apps/v1",
        state: "watching",
        restarts: 2,
        relists: 0,
        lastSyncAt: "2027-03-01T12:00:00Z",
      },
    ];

    expect(check({ watches: () => states }).evaluate().ready).toBe(true);
  });

  it("is ready when the config watches no kind at all", () => {
    expect(check({ watches: () => [] }).evaluate()).toMatchObject({ ready: true, status: "ready" });
  });

  it("tolerates a failing ingest until the gate has been open for the allowed time", () => {
    let now = 0;
    let gate: GateState = "open";
    const readiness = check({ senderGate: () => gate }, () => now);
    expect(readiness.evaluate()).toMatchObject({ ready: true, sender: { gate: "open", openForSeconds: 0 } });

    now = 10 * 60_000;
    gate = "half-open";
    expect(readiness.evaluate().ready).toBe(true);

    now += 1;
    expect(readiness.evaluate().reasons).toEqual(["every send to the ingest has failed for 10 min"]);
  });

  it("forgets an outage once the gate closes", () => {
    let now = 0;
    let gate: GateState = "open";
    const readiness = check({ senderGate: () => gate }, () => now);
    readiness.evaluate();
    gate = "closed";
    now = 20 * 60_000;
    readiness.evaluate();

    gate = "open";
    now += 60_000;

    expect(readiness.evaluate()).toMatchObject({ ready: true, sender: { gate: "open", openForSeconds: 0 } });
  });

  it("keeps a standby ready without watches, so a rollout is not held up by it", () => {
    const report = check({ role: () => "standby", watches: () => undefined }).evaluate();

    expect(report).toMatchObject({ ready: true, role: "standby", reasons: [] });
    expect(report).not.toHaveProperty("watch");
  });

  it("still needs a config on a standby", () => {
    expect(check({ role: () => "standby", config: () => undefined }).evaluate().ready).toBe(false);
  });
});
