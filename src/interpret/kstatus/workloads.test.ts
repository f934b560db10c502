import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadFixture } from "../../../test/support/fixtures.ts";
import type { KubeObject } from "../kube-object.ts";
import { computeKStatus } from "./index.ts";

// Cases follow kstatus's own tests (cli-utils status_compute_test.go), plus real objects from test/fixtures.
const object = (yaml: string) => parse(yaml) as KubeObject;

describe("kstatus Deployment", () => {
  it("reports a deployment with no status yet as InProgress for too few replicas", () => {
    const deployment = object(
      "{apiVersion: apps/v1, kind: Deployment, metadata: {name: test, generation: 1}}",
    );
    expect(computeKStatus(deployment)).toEqual({ kstatus: "InProgress", message: "Replicas: 0/1" });
  });

  it("reports an available deployment as Current with its replica count", () => {
    expect(computeKStatus(loadFixture("deployment/kstatus-available.yaml"))).toEqual({
      kstatus: "Current",
      message: "Deployment is available. Replicas: 3",
    });
  });

  it("reports an exceeded progress deadline as Failed, whatever the replica counts say", () => {
    expect(computeKStatus(loadFixture("deployment/kstatus-progress-deadline-exceeded.yaml"))).toEqual({
      kstatus: "Failed",
      message: "Progress deadline exceeded",
    });
  });

  it.each([
    ["{replicas: 3, updatedReplicas: 1}", "Updated: 1/3"],
    ["{replicas: 4, updatedReplicas: 3}", "Pending termination: 1"],
    ["{replicas: 3, updatedReplicas: 3, availableReplicas: 2}", "Available: 2/3"],
    ["{replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 1}", "Ready: 1/3"],
  ])("reports the first replica shortfall of %s as InProgress: %s", (status, message) => {
    const deployment = object(
      `{apiVersion: apps/v1, kind: Deployment, metadata: {name: t}, spec: {replicas: 3}, status: ${status}}`,
    );
    expect(computeKStatus(deployment)).toEqual({ kstatus: "InProgress", message });
  });

  it("waits for the new ReplicaSet when a progress deadline is set but Progressing is not True", () => {
    const deployment = object(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: test, generation: 1, namespace: qual}
spec: {progressDeadlineSeconds: 45}
status:
  observedGeneration: 1
  updatedReplicas: 1
  readyReplicas: 1
  availableReplicas: 1
  replicas: 1
  conditions:
  - {type: Progressing, status: "False", reason: Some reason}
  - {type: Available, status: "True"}
`);
    expect(computeKStatus(deployment)).toEqual({
      kstatus: "InProgress",
      message: "ReplicaSet not Available",
    });
  });

  it("needs no Progressing condition when there is no progress deadline", () => {
    const deployment = object(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: test, generation: 1, namespace: qual}
status:
  observedGeneration: 1
  updatedReplicas: 1
  readyReplicas: 1
  availableReplicas: 1
  replicas: 1
  conditions:
  - {type: Available, status: "True"}
`);
    expect(computeKStatus(deployment)).toEqual({
      kstatus: "Current",
      message: "Deployment is available. Replicas: 1",
    });
  });

  it("reports Available=False as InProgress", () => {
    const deployment = object(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: test, generation: 1, namespace: qual}
status:
  observedGeneration: 1
  updatedReplicas: 1
  readyReplicas: 1
  availableReplicas: 1
  replicas: 1
  conditions:
  - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
  - {type: Available, status: "False"}
`);
    expect(computeKStatus(deployment)).toEqual({
      kstatus: "InProgress",
      message: "Deployment not Available",
    });
  });

  it("applies the same rule to extensions/v1beta1 deployments", () => {
    const deployment = object("{apiVersion: extensions/v1beta1, kind: Deployment, metadata: {name: test}}");
    expect(computeKStatus(deployment)).toEqual({ kstatus: "InProgress", message: "Replicas: 0/1" });
  });
});

describe("kstatus StatefulSet", () => {
  const sts = (status: string, spec = "{replicas: 4}") =>
    object(
      `{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: t, generation: 1}, spec: ${spec}, status: ${status}}`,
    );

  it("reports a statefulset with no status yet as InProgress for too few replicas", () => {
    const bare = object("{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: test, generation: 1}}");
    expect(computeKStatus(bare)).toEqual({ kstatus: "InProgress", message: "Replicas: 0/1" });
  });

  it("reports a statefulset with all replicas current and ready as Current", () => {
    expect(
      computeKStatus(sts("{observedGeneration: 1, currentReplicas: 4, readyReplicas: 4, replicas: 4}")),
    ).toEqual({
      kstatus: "Current",
      message: "All replicas scheduled as expected. Replicas: 4",
    });
  });

  it("reports too few ready replicas as InProgress", () => {
    const result = computeKStatus(
      sts("{observedGeneration: 1, currentReplicas: 4, readyReplicas: 2, replicas: 4}"),
    );
    expect(result).toEqual({ kstatus: "InProgress", message: "Ready: 2/4" });
  });

  it("reports too few current replicas as InProgress", () => {
    const result = computeKStatus(
      sts("{observedGeneration: 1, currentReplicas: 2, readyReplicas: 4, replicas: 4}"),
    );
    expect(result).toEqual({ kstatus: "InProgress", message: "current: 2/4" });
  });

  it("reports extra pods as InProgress until they terminate", () => {
    const result = computeKStatus(
      sts("{observedGeneration: 1, currentReplicas: 4, readyReplicas: 4, replicas: 8}"),
    );
    expect(result).toEqual({ kstatus: "InProgress", message: "Pending termination: 4" });
  });

  it("waits for the update revision to become current", () => {
    const status =
      "{currentReplicas: 4, readyReplicas: 4, replicas: 4, currentRevision: a, updateRevision: b}";
    expect(computeKStatus(sts(status))).toEqual({
      kstatus: "InProgress",
      message: "Waiting for updated revision to match current",
    });
  });

  it("counts only the pods above a partition as needing the update", () => {
    expect(computeKStatus(loadFixture("statefulset/kstatus-partition-rollout.yaml"))).toEqual({
      kstatus: "InProgress",
      message: "updated: 1/2",
    });
  });

  it("reports a partitioned rollout as Current once the pods above the partition are updated", () => {
    const status = "{currentReplicas: 2, readyReplicas: 4, replicas: 4, updatedReplicas: 2}";
    const spec = "{replicas: 4, updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 2}}}";
    expect(computeKStatus(sts(status, spec))).toEqual({
      kstatus: "Current",
      message: "Partition rollout complete. updated: 2",
    });
  });

  it("reports a statefulset with the OnDelete strategy as Current, as its user manages updates", () => {
    expect(computeKStatus(sts("{}", "{replicas: 4, updateStrategy: {type: OnDelete}}"))).toEqual({
      kstatus: "Current",
      message: "StatefulSet is using the ondelete update strategy",
    });
  });
});

describe("kstatus DaemonSet", () => {
  const ds = (metadata: string, status: string) =>
    object(`{apiVersion: apps/v1, kind: DaemonSet, metadata: ${metadata}, status: ${status}}`);
  const full = "desiredNumberScheduled: 4, currentNumberScheduled: 4, updatedNumberScheduled: 4";

  it("requires status.observedGeneration, which its controller always sets", () => {
    const bare = object("{apiVersion: apps/v1, kind: DaemonSet, metadata: {name: test, generation: 1}}");
    expect(computeKStatus(bare)).toEqual({
      kstatus: "InProgress",
      message: "DaemonSet status.observedGeneration not found",
    });
  });

  it("requires metadata.generation", () => {
    expect(computeKStatus(ds("{name: t}", "{observedGeneration: 1}"))).toEqual({
      kstatus: "InProgress",
      message: "DaemonSet metadata.generation not found",
    });
  });

  it("reports a status without desiredNumberScheduled as InProgress", () => {
    expect(
      computeKStatus(ds("{name: t, generation: 1}", "{observedGeneration: 1, currentReplicas: 1}")),
    ).toEqual({
      kstatus: "InProgress",
      message: "Missing .status.desiredNumberScheduled",
    });
  });

  it("reports a daemonset with every pod scheduled, available and ready as Current", () => {
    const status = `{observedGeneration: 1, ${full}, numberAvailable: 4, numberReady: 4}`;
    expect(computeKStatus(ds("{name: t, generation: 1}", status))).toEqual({
      kstatus: "Current",
      message: "All replicas scheduled as expected. Replicas: 4",
    });
  });

  it("reports a generation not yet observed as InProgress", () => {
    const status = `{observedGeneration: 1, ${full}, numberAvailable: 4, numberReady: 4}`;
    expect(computeKStatus(ds("{name: t, generation: 2}", status))).toEqual({
      kstatus: "InProgress",
      message: "DaemonSet generation is 2, but latest observed generation is 1",
    });
  });

  it("reports too few available pods as InProgress", () => {
    const status = `{observedGeneration: 1, ${full}, numberAvailable: 2, numberReady: 4}`;
    expect(computeKStatus(ds("{name: t, generation: 1}", status))).toEqual({
      kstatus: "InProgress",
      message: "Available: 2/4",
    });
  });

  it("reports too few ready pods as InProgress", () => {
    const status = `{observedGeneration: 1, ${full}, numberAvailable: 4, numberReady: 2}`;
    expect(computeKStatus(ds("{name: t, generation: 1}", status))).toEqual({
      kstatus: "InProgress",
      message: "Ready: 2/4",
    });
  });

  it("reports a rolling update as InProgress until every node runs the new pod", () => {
    expect(computeKStatus(loadFixture("daemonset/kstatus-rolling-out.yaml"))).toEqual({
      kstatus: "InProgress",
      message: "Updated: 4/6",
    });
  });
});

describe("kstatus ReplicaSet", () => {
  const rs = (status: string) =>
    object(
      `{apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: t, generation: 1}, spec: {replicas: 4}, status: ${status}}`,
    );

  it("reports a replicaset with no status yet as InProgress for too few labelled replicas", () => {
    const bare = object("{apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: test, generation: 1}}");
    expect(computeKStatus(bare)).toEqual({ kstatus: "InProgress", message: "Labelled: 0/1" });
  });

  it("reports a replicaset with every replica available as Current", () => {
    const status =
      "{observedGeneration: 1, replicas: 4, readyReplicas: 4, availableReplicas: 4, fullyLabeledReplicas: 4}";
    expect(computeKStatus(rs(status))).toEqual({
      kstatus: "Current",
      message: "ReplicaSet is available. Replicas: 4",
    });
  });

  it("reports too few available replicas as InProgress", () => {
    const status = "{replicas: 4, readyReplicas: 4, availableReplicas: 2, fullyLabeledReplicas: 4}";
    expect(computeKStatus(rs(status))).toEqual({ kstatus: "InProgress", message: "Available: 2/4" });
  });

  it("reports too few ready replicas as InProgress", () => {
    const status = "{replicas: 4, readyReplicas: 2, availableReplicas: 4, fullyLabeledReplicas: 4}";
    expect(computeKStatus(rs(status))).toEqual({ kstatus: "InProgress", message: "Ready: 2/4" });
  });

  it("reports ReplicaFailure=True as InProgress, since the controller keeps retrying", () => {
    const status = `{replicas: 4, readyReplicas: 4, availableReplicas: 4, fullyLabeledReplicas: 4,
      conditions: [{type: ReplicaFailure, status: "True"}]}`;
    expect(computeKStatus(rs(status))).toEqual({
      kstatus: "InProgress",
      message: "Replica Failure condition. Check Pods",
    });
  });
});
