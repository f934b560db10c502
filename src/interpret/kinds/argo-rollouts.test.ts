import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const rollout = (name: string) => loadFixture(`rollout/${name}.yaml`);
const analysisRun = (name: string) => interpret(loadFixture(`analysisrun/${name}.yaml`));

describe("Argo Rollout health", () => {
  it("is Healthy when the controller reports Healthy", () => {
    const status = interpret(rollout("healthy-canary"));
    expect(status.health).toBe("Healthy");
    expect(status.phase).toBe("Healthy");
  });

  it("is Suspended with the pause reason when paused at a canary step", () => {
    const status = interpret(rollout("paused-canary-step"));
    expect(status).toMatchObject({ health: "Suspended", message: "CanaryPauseStep", phase: "Paused" });
  });

  it("reports replica counts and canary progress as values", () => {
    expect(interpret(rollout("paused-canary-step")).values).toEqual({
      replicas: 6,
      updatedReplicas: 1,
      readyReplicas: 6,
      availableReplicas: 6,
      currentStepIndex: 1,
      canarySteps: 6,
    });
  });

  it("is Degraded with the controller's message when aborted", () => {
    expect(interpret(rollout("aborted"))).toMatchObject({
      health: "Degraded",
      message: "RolloutAborted: Rollout aborted update to revision 3",
    });
  });

  it("is Progressing while the controller has not observed the latest generation", () => {
    expect(interpret(rollout("generation-lagging"))).toMatchObject({
      health: "Progressing",
      message: "Waiting for rollout spec update to be observed",
    });
  });

  it("is Progressing before the controller has written any status", () => {
    expect(interpret(rollout("no-status"))).toMatchObject({
      health: "Progressing",
      message: "Waiting for rollout spec update to be observed",
    });
  });

  it("is Progressing while a workloadRef's new template is unobserved", () => {
    const obj = rollout("healthy-canary");
    const metadata = { ...obj.metadata, annotations: { "rollout.argoproj.io/workload-generation": "4" } };
    const spec = {
      ...(obj.spec as object),
      workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
    };
    const status = { ...(obj.status as object), workloadObservedGeneration: "3" };
    expect(interpret({ ...obj, metadata, spec, status }).health).toBe("Progressing");
  });
});

describe("Argo Rollout health for controllers older than v1.0", () => {
  it("waits for more replicas while a canary is partitioned", () => {
    expect(interpret(rollout("legacy-canary-partitioned"))).toMatchObject({
      health: "Progressing",
      message: "Waiting for roll out to finish: More replicas need to be updated",
    });
  });

  it("waits for the remaining steps once every replica is updated", () => {
    expect(interpret(rollout("legacy-steps-pending"))).toMatchObject({
      health: "Progressing",
      message: "Waiting for rollout to finish steps",
    });
  });

  it("is Degraded with the condition's message when aborted", () => {
    expect(interpret(rollout("legacy-aborted"))).toMatchObject({
      health: "Degraded",
      message: "Rollout is aborted",
    });
  });

  it("is Suspended when paused by the user", () => {
    const obj = rollout("legacy-canary-partitioned");
    const status = interpret({ ...obj, spec: { ...(obj.spec as object), paused: true } });
    expect(status).toMatchObject({ health: "Suspended", message: "Rollout is paused" });
  });

  it("is Progressing until the controller has recorded the pod hash", () => {
    const obj = rollout("legacy-canary-partitioned");
    const { currentPodHash: _, ...status } = obj.status as Record<string, unknown>;
    expect(interpret({ ...obj, status })).toMatchObject({
      health: "Progressing",
      message: "Waiting for rollout to finish: status has not been reconciled.",
    });
  });

  it("is Healthy once the stable ReplicaSet is the current one", () => {
    const obj = rollout("legacy-steps-pending");
    const status = { ...(obj.status as object), canary: { stableRS: "5c8d9b7f6" } };
    expect(interpret({ ...obj, status }).health).toBe("Healthy");
  });
});

describe("Argo AnalysisRun health", () => {
  it("is Progressing while running", () => {
    expect(analysisRun("running")).toMatchObject({
      health: "Progressing",
      message: "Analysis run is running",
      phase: "Running",
    });
  });

  it("is Healthy when successful, with the default message if the run gives none", () => {
    expect(analysisRun("successful")).toMatchObject({
      health: "Healthy",
      message: "Analysis run completed successfully",
    });
  });

  it("is Degraded when failed, with the run's own message", () => {
    expect(analysisRun("failed")).toMatchObject({
      health: "Degraded",
      message: 'Metric "success-rate" assessed Failed due to failed (3) > failureLimit (2)',
    });
  });

  it("is Unknown when inconclusive", () => {
    expect(analysisRun("inconclusive")).toMatchObject({
      health: "Unknown",
      message: "Analysis run was inconclusive",
    });
  });

  it("is Progressing before the controller has written any status", () => {
    const { status: _, ...obj } = loadFixture("analysisrun/running.yaml");
    expect(interpret(obj)).toMatchObject({
      health: "Progressing",
      message: "Waiting for analysis run to finish: status has not been reconciled.",
    });
  });
});
