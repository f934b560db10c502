import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadFixture } from "../../../test/support/fixtures.ts";
import type { KubeObject } from "../kube-object.ts";
import { computeKStatus } from "./index.ts";

// Cases follow kstatus's own tests (cli-utils status_compute_test.go, core_test.go), plus real objects.
const object = (yaml: string) => parse(yaml) as KubeObject;

describe("kstatus Service", () => {
  it("reports a ClusterIP service as Current", () => {
    const svc = object(
      "{apiVersion: v1, kind: Service, metadata: {name: test, namespace: qual, generation: 1}}",
    );
    expect(computeKStatus(svc)).toEqual({ kstatus: "Current", message: "Service is ready" });
  });

  it("reports a NodePort service as Current", () => {
    const svc = object("{apiVersion: v1, kind: Service, metadata: {name: test}, spec: {type: NodePort}}");
    expect(computeKStatus(svc)).toEqual({ kstatus: "Current", message: "Service is ready" });
  });

  it("reports a LoadBalancer service without a cluster IP as InProgress", () => {
    const svc = object("{apiVersion: v1, kind: Service, metadata: {name: test}, spec: {type: LoadBalancer}}");
    expect(computeKStatus(svc)).toEqual({
      kstatus: "InProgress",
      message: "ClusterIP not set. Service type: LoadBalancer",
    });
  });

  it("reports a LoadBalancer service without ingress as Current once it has a cluster IP", () => {
    expect(computeKStatus(loadFixture("service/kstatus-loadbalancer-without-ingress.yaml"))).toEqual({
      kstatus: "Current",
      message: "Service is ready",
    });
  });
});

describe("kstatus PersistentVolumeClaim", () => {
  it("reports a claim with no status as InProgress", () => {
    const pvc = object(
      "{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: test, generation: 1}}",
    );
    expect(computeKStatus(pvc)).toEqual({
      kstatus: "InProgress",
      message: "PVC is not Bound. phase: unknown",
    });
  });

  it("reports a pending claim as InProgress", () => {
    expect(computeKStatus(loadFixture("persistentvolumeclaim/kstatus-waiting-for-consumer.yaml"))).toEqual({
      kstatus: "InProgress",
      message: "PVC is not Bound. phase: Pending",
    });
  });

  it("reports a bound claim as Current", () => {
    const pvc = object(
      "{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: test}, status: {phase: Bound}}",
    );
    expect(computeKStatus(pvc)).toEqual({ kstatus: "Current", message: "PVC is Bound" });
  });
});

describe("kstatus PodDisruptionBudget", () => {
  it("reports an observed budget as Current", () => {
    const pdb =
      object(`{apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: {name: test, generation: 1},
      status: {observedGeneration: 1}}`);
    expect(computeKStatus(pdb)).toEqual({
      kstatus: "Current",
      message: "AllowedDisruptions has been computed.",
    });
  });

  it("reports a budget whose generation is not observed as InProgress", () => {
    const pdb =
      object(`{apiVersion: policy/v1beta1, kind: PodDisruptionBudget, metadata: {name: test, generation: 2},
      status: {observedGeneration: 1}}`);
    expect(computeKStatus(pdb)).toEqual({
      kstatus: "InProgress",
      message: "PodDisruptionBudget generation is 2, but latest observed generation is 1",
    });
  });
});

describe("kstatus Job", () => {
  it("reports a job that has not started as InProgress", () => {
    const job = object(
      "{apiVersion: batch/v1, kind: Job, metadata: {name: test, namespace: qual, generation: 1}}",
    );
    expect(computeKStatus(job)).toEqual({ kstatus: "InProgress", message: "Job not started" });
  });

  it("reports a complete job as Current", () => {
    const job = object(`{apiVersion: batch/v1, kind: Job, metadata: {name: test, generation: 1},
      status: {succeeded: 1, active: 0, conditions: [{type: Complete, status: "True"}]}}`);
    expect(computeKStatus(job)).toEqual({ kstatus: "Current", message: "Job Completed. succeeded: 1/1" });
  });

  it("reports a failed job as Failed", () => {
    const job =
      object(`{apiVersion: batch/v1, kind: Job, metadata: {name: test, generation: 1}, spec: {completions: 4},
      status: {succeeded: 3, failed: 1, conditions: [{type: Failed, status: "True", reason: JobFailed}]}}`);
    expect(computeKStatus(job)).toEqual({ kstatus: "Failed", message: "Job Failed. failed: 1/4" });
  });

  it("reports a job past its backoff limit as Failed", () => {
    expect(computeKStatus(loadFixture("job/kstatus-backoff-limit-exceeded.yaml"))).toEqual({
      kstatus: "Failed",
      message: "Job Failed. failed: 4/1",
    });
  });

  it("reports a running job as Current", () => {
    const job = object(`
apiVersion: batch/v1
kind: Job
metadata: {name: test, generation: 1}
spec: {completions: 10, parallelism: 2}
status:
  startTime: "2019-06-04T01:17:13Z"
  succeeded: 3
  failed: 1
  active: 2
  conditions:
  - {type: Failed, status: "False"}
  - {type: Complete, status: "False"}
`);
    expect(computeKStatus(job)).toEqual({
      kstatus: "Current",
      message: "Job in progress. success:3, active: 2, failed: 1",
    });
  });

  it("reports a suspended job as Current", () => {
    const job = object(`{apiVersion: batch/v1, kind: Job, metadata: {name: test, generation: 1},
      status: {conditions: [{type: Suspended, status: "True", reason: JobSuspended}]}}`);
    expect(computeKStatus(job)).toEqual({ kstatus: "Current", message: "Job is suspended" });
  });

  it("reports a job resumed but not started as InProgress", () => {
    const job = object(`{apiVersion: batch/v1, kind: Job, metadata: {name: test, generation: 1},
      status: {conditions: [{type: Suspended, status: "False", reason: JobResumed}]}}`);
    expect(computeKStatus(job)).toEqual({ kstatus: "InProgress", message: "Job not started" });
  });
});

describe("kstatus kinds that are always ready", () => {
  it.each([
    ["batch/v1", "CronJob"],
    ["v1", "ConfigMap"],
    ["v1", "Secret"],
  ])("reports a %s %s as Current", (apiVersion, kind) => {
    const obj = object(
      `{apiVersion: ${apiVersion}, kind: ${kind}, metadata: {name: test, generation: 1}, status: null}`,
    );
    expect(computeKStatus(obj)).toEqual({ kstatus: "Current", message: "Resource is always ready" });
  });
});

describe("kstatus CustomResourceDefinition", () => {
  const crd = (conditions: string) =>
    object(`{apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, metadata: {generation: 1},
      status: {conditions: ${conditions}}}`);

  it("reports a CRD without conditions as InProgress", () => {
    expect(computeKStatus(crd("[]"))).toEqual({ kstatus: "InProgress", message: "Install in progress" });
  });

  it("reports a CRD still installing as InProgress", () => {
    const conditions = `[{type: NamesAccepted, status: "True", reason: NoConflicts},
      {type: Established, status: "False", reason: Installing}]`;
    expect(computeKStatus(crd(conditions))).toEqual({
      kstatus: "InProgress",
      message: "Install in progress",
    });
  });

  it("reports NamesAccepted=False as Failed with the condition's message", () => {
    expect(computeKStatus(loadFixture("customresourcedefinition/kstatus-names-not-accepted.yaml"))).toEqual({
      kstatus: "Failed",
      message: '"backups" is already in use',
    });
  });

  it("reports Established=False for any reason but Installing as Failed", () => {
    const conditions = `[{type: Established, status: "False", reason: NotAccepted, message: not all names are accepted}]`;
    expect(computeKStatus(crd(conditions))).toEqual({
      kstatus: "Failed",
      message: "not all names are accepted",
    });
  });

  it("reports an established CRD as Current", () => {
    expect(computeKStatus(loadFixture("customresourcedefinition/kstatus-established.yaml"))).toEqual({
      kstatus: "Current",
      message: "CRD is established",
    });
  });
});
