import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const statusFor = (path: string) => interpret(loadFixture(path));
const CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";

describe("HorizontalPodAutoscaler v2", () => {
  it("is healthy when able to scale, with that condition's message", () => {
    expect(statusFor("horizontalpodautoscaler/v2-ready-for-new-scale.yaml")).toMatchObject({
      health: "Healthy",
      message: "recommended size matches current size",
    });
  });

  it("is degraded when its scale target cannot be found", () => {
    expect(statusFor("horizontalpodautoscaler/v2-target-not-found.yaml")).toMatchObject({
      health: "Degraded",
      message: `the HPA controller was unable to get the target's current scale: deployments/scale.apps "legacy-worker" not found`,
    });
  });

  it("is healthy though metrics are unavailable, as AbleToScale comes first and decides", () => {
    expect(statusFor("horizontalpodautoscaler/v2-metrics-unavailable.yaml")).toMatchObject({
      health: "Healthy",
      message: "the HPA controller was able to get the target's current scale",
    });
  });

  it("waits to autoscale while backing off between scale events", () => {
    expect(statusFor("horizontalpodautoscaler/v2-scale-backoff.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting to Autoscale",
    });
  });

  it("waits to autoscale before any condition is written", () => {
    expect(statusFor("horizontalpodautoscaler/v2-just-created.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting to Autoscale",
    });
  });

  it("reads v2beta2 conditions by the same rule", () => {
    const hpa = {
      ...loadFixture("horizontalpodautoscaler/v2-target-not-found.yaml"),
      apiVersion: "autoscaling/v2beta2",
    };
    expect(interpret(hpa).health).toBe("Degraded");
  });

  it("reports current, desired, min and max replicas as values", () => {
    expect(statusFor("horizontalpodautoscaler/v2-scale-backoff.yaml").values).toEqual({
      currentReplicas: 4,
      desiredReplicas: 4,
      minReplicas: 2,
      maxReplicas: 8,
    });
  });
});

describe("HorizontalPodAutoscaler v1", () => {
  it("reads conditions from the conditions annotation", () => {
    expect(statusFor("horizontalpodautoscaler/v1-ready-for-new-scale.yaml")).toMatchObject({
      health: "Healthy",
      message: "recommended size matches current size",
    });
  });

  it("is degraded when the annotation reports a failed scale update", () => {
    expect(statusFor("horizontalpodautoscaler/v1-failed-update-scale.yaml").health).toBe("Degraded");
  });

  it("waits to autoscale without the conditions annotation", () => {
    expect(statusFor("horizontalpodautoscaler/v1-without-conditions-annotation.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting to Autoscale",
    });
  });

  it("waits to autoscale when the annotation holds no conditions", () => {
    const hpa = loadFixture("horizontalpodautoscaler/v1-without-conditions-annotation.yaml");
    hpa.metadata = { ...hpa.metadata, annotations: { [CONDITIONS]: "[]" } };
    expect(interpret(hpa).health).toBe("Progressing");
  });

  it("is unknown when the annotation is not valid JSON", () => {
    const hpa = loadFixture("horizontalpodautoscaler/v1-without-conditions-annotation.yaml");
    hpa.metadata = { ...hpa.metadata, annotations: { [CONDITIONS]: "[{" } };
    const status = interpret(hpa);
    expect(status.health).toBe("Unknown");
    expect(status.message).toMatch(/^failed to convert conditions annotation to typed: /);
  });
});

describe("HorizontalPodAutoscaler of an unknown version", () => {
  it("is unknown, naming the version", () => {
    const hpa = {
      ...loadFixture("horizontalpodautoscaler/v2-just-created.yaml"),
      apiVersion: "autoscaling/v3",
    };
    expect(interpret(hpa)).toMatchObject({
      health: "Unknown",
      message: "unsupported HPA GVK: autoscaling/v3, Kind=HorizontalPodAutoscaler",
    });
  });
});
