import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadFixture } from "../../../test/support/fixtures.ts";
import type { KubeObject } from "../kube-object.ts";
import { computeKStatus } from "./index.ts";

// Cases follow kstatus's own tests (cli-utils pkg/kstatus/status/status_compute_test.go), written as YAML
// the same way, plus real objects from test/fixtures.
const object = (yaml: string) => parse(yaml) as KubeObject;

describe("kstatus generic properties", () => {
  it("reports any object with a deletionTimestamp as Terminating, before its kind's rule", () => {
    expect(computeKStatus(loadFixture("pod/kstatus-terminating.yaml"))).toEqual({
      kstatus: "Terminating",
      message: "Resource scheduled for deletion",
    });
  });

  it("reports a generation the controller has not observed yet as InProgress, with kstatus's message", () => {
    expect(computeKStatus(loadFixture("deployment/kstatus-generation-not-observed.yaml"))).toEqual({
      kstatus: "InProgress",
      message: "Deployment generation is 13, but latest observed generation is 12",
    });
  });

  it("checks the generation of custom resources too", () => {
    const cr = object(`
apiVersion: something/v1
kind: MyCR
metadata: {name: test, namespace: qual, generation: 2}
status: {observedGeneration: 1}
`);
    expect(computeKStatus(cr)).toEqual({
      kstatus: "InProgress",
      message: "MyCR generation is 2, but latest observed generation is 1",
    });
  });

  it("skips the generation check when status.observedGeneration is unset", () => {
    const cr = object(`
apiVersion: something/v1
kind: MyCR
metadata: {name: test, namespace: qual, generation: 1}
`);
    expect(computeKStatus(cr)).toEqual({ kstatus: "Current", message: "Resource is current" });
  });

  it("reports Stalled=True as Failed with the condition's message", () => {
    expect(computeKStatus(loadFixture("kustomization/kstatus-stalled.yaml"))).toEqual({
      kstatus: "Failed",
      message:
        "kustomization path not found: stat /tmp/kustomization-3390587561/apps/production: no such file or directory",
    });
  });

  it("reports Reconciling=True as InProgress with the condition's message", () => {
    expect(computeKStatus(loadFixture("kustomization/kstatus-reconciling.yaml"))).toEqual({
      kstatus: "InProgress",
      message:
        "Reconciliation in progress: detecting drift for revision main@sha1:0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b",
    });
  });

  it("lets the first of Reconciling and Stalled in the list decide", () => {
    const cr = object(`
apiVersion: something/v1
kind: MyCR
metadata: {name: test, generation: 1}
status:
  conditions:
  - {type: Reconciling, status: "True", reason: Retrying, message: retrying}
  - {type: Stalled, status: "True", reason: Broken, message: broken}
`);
    expect(computeKStatus(cr)).toEqual({ kstatus: "InProgress", message: "retrying" });
  });

  it("applies Reconciling and Stalled before a built-in kind's own rule", () => {
    const deployment = loadFixture("deployment/kstatus-available.yaml");
    const conditions = (deployment.status as { conditions: unknown[] }).conditions;
    conditions.push({
      type: "Stalled",
      status: "True",
      reason: "PolicyViolation",
      message: "blocked by policy",
    });
    expect(computeKStatus(deployment)).toEqual({ kstatus: "Failed", message: "blocked by policy" });
  });

  it("ignores Reconciling and Stalled conditions that are not True", () => {
    const cr = object(`
apiVersion: something/v1
kind: MyCR
metadata: {name: test, generation: 1}
status:
  conditions:
  - {type: Reconciling, status: "False"}
  - {type: Stalled, status: Unknown}
`);
    expect(computeKStatus(cr)).toEqual({ kstatus: "Current", message: "Resource is current" });
  });
});

describe("kstatus Ready condition for kinds without a rule", () => {
  it("reports Ready=True as Current", () => {
    const cr = object(`
apiVersion: something/v1
kind: MyCR
metadata: {name: test, namespace: qual, generation: 1}
status:
  conditions:
  - {type: Ready, status: "True", message: All looks ok, reason: AllOk}
`);
    expect(computeKStatus(cr)).toEqual({ kstatus: "Current", message: "Resource is Ready" });
  });

  it("reports Ready=False as InProgress with the condition's message", () => {
    expect(computeKStatus(loadFixture("certificate/kstatus-not-ready.yaml"))).toEqual({
      kstatus: "InProgress",
      message: "Issuing certificate as Secret does not exist",
    });
  });

  it("reports Ready=Unknown as InProgress", () => {
    const cr = object(`
apiVersion: something/v1
kind: MyCR
metadata: {name: test, generation: 1}
status:
  observedGeneration: 1
  conditions:
  - {type: Ready, status: Unknown, reason: Progressing, message: Reconciliation in progress}
`);
    expect(computeKStatus(cr)).toEqual({ kstatus: "InProgress", message: "Reconciliation in progress" });
  });

  it("passes over a Ready condition whose status is none of True, False and Unknown", () => {
    const cr = object(`
apiVersion: something/v1
kind: MyCR
metadata: {name: test, generation: 1}
status:
  conditions:
  - {type: Ready}
`);
    expect(computeKStatus(cr)).toEqual({ kstatus: "Current", message: "Resource is current" });
  });

  it("does not consult Ready for kinds with their own rule", () => {
    const pvc = object(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: test, namespace: qual}
status:
  phase: Bound
  conditions:
  - {type: Ready, status: "False", message: not ready}
`);
    expect(computeKStatus(pvc)).toEqual({ kstatus: "Current", message: "PVC is Bound" });
  });

  it("reports a kind without a rule and without known conditions as Current", () => {
    const cr = object(`
apiVersion: something/v1
kind: MyCR
metadata: {name: test, namespace: qual, generation: 1}
status:
  conditions:
  - {type: SomeCondition, status: "False"}
`);
    expect(computeKStatus(cr)).toEqual({ kstatus: "Current", message: "Resource is current" });
  });

  it("treats HorizontalPodAutoscaler as a kind without a rule, as released kstatus does", () => {
    expect(computeKStatus(loadFixture("horizontalpodautoscaler/kstatus-scaling-limited.yaml"))).toEqual({
      kstatus: "Current",
      message: "Resource is current",
    });
  });
});

describe("kstatus Unknown, where kstatus's Compute fails", () => {
  it("reports a metadata.generation that is not an integer as Unknown", () => {
    const cr = object(`
apiVersion: something/v1
kind: MyCR
metadata: {name: test, generation: "3"}
`);
    expect(computeKStatus(cr)).toEqual({
      kstatus: "Unknown",
      message: ".metadata.generation accessor error: 3 is of the type string, expected int64",
    });
  });

  it("reports conditions that are not a list as Unknown", () => {
    const cr = object(`
apiVersion: something/v1
kind: MyCR
metadata: {name: test}
status:
  conditions: {type: Ready, status: "True"}
`);
    expect(computeKStatus(cr).kstatus).toBe("Unknown");
  });

  it("reports a condition with a non-string status as Unknown", () => {
    const cr = object(`
apiVersion: something/v1
kind: MyCR
metadata: {name: test}
status:
  conditions:
  - {type: Ready, status: true}
`);
    expect(computeKStatus(cr)).toEqual({
      kstatus: "Unknown",
      message: "status.conditions[0].status is not a string",
    });
  });

  it("still reports a deleted object as Terminating when its conditions are malformed", () => {
    const cr = object(`
apiVersion: something/v1
kind: MyCR
metadata: {name: test, deletionTimestamp: "2025-03-01T00:00:00Z"}
status:
  conditions: broken
`);
    expect(computeKStatus(cr).kstatus).toBe("Terminating");
  });
});
