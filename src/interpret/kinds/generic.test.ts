import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const fixture = (path: string) => interpret(loadFixture(path));

describe("generic health for kinds with no row", () => {
  it("is Healthy with the Ready condition's message when Ready is True", () => {
    expect(fixture("gitrepository/ready.yaml")).toMatchObject({
      health: "Healthy",
      message: "stored artifact for revision 'main@sha1:c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1'",
    });
  });

  it("is Progressing while the controller has not observed the latest generation", () => {
    expect(fixture("gitrepository/generation-lagging.yaml")).toMatchObject({
      health: "Progressing",
      message: "GitRepository generation is 3, but latest observed generation is 2",
    });
  });

  it("is Progressing when Ready was written for an older generation", () => {
    const obj = loadFixture("gitrepository/generation-lagging.yaml");
    const status = interpret({ ...obj, status: { ...(obj.status as object), observedGeneration: 3 } });
    expect(status).toMatchObject({
      health: "Progressing",
      message: "Waiting for Ready to reflect generation 3",
    });
  });

  it("is Degraded with the message when Stalled is True", () => {
    const status = fixture("gitrepository/stalled.yaml");
    expect(status.health).toBe("Degraded");
    expect(status.message).toMatch(/^git URL is malformed/);
  });

  it("is Progressing when Ready is False for a reason that means work in progress", () => {
    expect(fixture("bucket/crossplane-creating.yaml")).toMatchObject({
      health: "Progressing",
      message: "Creating",
    });
  });

  it("is Degraded when Ready is False for any other reason", () => {
    const obj = loadFixture("bucket/crossplane-creating.yaml");
    const failed = { type: "Ready", status: "False", reason: "ReconcileError", message: "AccessDenied" };
    expect(interpret({ ...obj, status: { conditions: [failed] } })).toMatchObject({
      health: "Degraded",
      message: "AccessDenied",
    });
  });

  it("is Progressing while Ready is Unknown", () => {
    expect(fixture("service/knative-deploying.yaml")).toMatchObject({
      health: "Progressing",
      message: 'Configuration "hello" is waiting for a Revision to become ready.',
    });
  });

  it("is Healthy on Available when there is no Ready condition", () => {
    expect(fixture("clusteroperator/available.yaml")).toMatchObject({
      health: "Healthy",
      message: 'The "default" ingress controller reports Available=True.',
    });
  });

  it("is Degraded when a Degraded condition is True", () => {
    expect(fixture("clusteroperator/degraded.yaml")).toMatchObject({
      health: "Degraded",
      message: "Degraded: The deployment does not have available replicas",
    });
  });

  it("is Progressing when Reconciling is True", () => {
    const obj = loadFixture("gitrepository/ready.yaml");
    const reconciling = {
      type: "Reconciling",
      status: "True",
      reason: "Progressing",
      message: "building artifact",
    };
    expect(interpret({ ...obj, status: { conditions: [reconciling] } })).toMatchObject({
      health: "Progressing",
      message: "building artifact",
    });
  });

  it("is Healthy for an object with no status at all", () => {
    expect(fixture("servicemonitor/no-status.yaml").health).toBe("Healthy");
  });

  it("reports status.phase as the phase when there is one", () => {
    const obj = loadFixture("servicemonitor/no-status.yaml");
    expect(interpret({ ...obj, status: { phase: "Bound" } }).phase).toBe("Bound");
  });
});
