import { describe, expect, it } from "vitest";
import { kindKey } from "../kind-interpreter.ts";
import { kstatusKinds, kstatusRuleFor } from "./kinds.ts";
import { deploymentStatus } from "./workloads.ts";

describe("kstatus kind table", () => {
  it("has one row per group and kind", () => {
    const keys = kstatusKinds.map((row) => kindKey(row.group, row.kind));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("covers the same kinds as kstatus's legacyTypes", () => {
    expect(kstatusKinds.map((row) => kindKey(row.group, row.kind)).sort()).toEqual([
      "/ConfigMap",
      "/PersistentVolumeClaim",
      "/Pod",
      "/Secret",
      "/Service",
      "apiextensions.k8s.io/CustomResourceDefinition",
      "apps/DaemonSet",
      "apps/Deployment",
      "apps/ReplicaSet",
      "apps/StatefulSet",
      "batch/CronJob",
      "batch/Job",
      "extensions/DaemonSet",
      "extensions/Deployment",
      "extensions/ReplicaSet",
      "policy/PodDisruptionBudget",
    ]);
  });

  it("finds a kind's rule whatever the version", () => {
    expect(kstatusRuleFor({ apiVersion: "apps/v1beta2", kind: "Deployment" })).toBe(deploymentStatus);
  });

  it("finds no rule for a kind of the same name in another group", () => {
    expect(kstatusRuleFor({ apiVersion: "serving.knative.dev/v1", kind: "Service" })).toBeUndefined();
  });
});
