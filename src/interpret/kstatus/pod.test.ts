import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadFixture } from "../../../test/support/fixtures.ts";
import type { KubeObject } from "../kube-object.ts";
import { computeKStatus } from "./index.ts";

// Cases follow kstatus's TestPodStatus (cli-utils status_compute_test.go), plus real objects from test/fixtures.
const object = (yaml: string) => parse(yaml) as KubeObject;
const pod = (status: string, metadata = "{name: test, namespace: qual, generation: 1}") =>
  object(`{apiVersion: v1, kind: Pod, metadata: ${metadata}, status: ${status}}`);

const unschedulable = `{phase: Pending, conditions: [{type: PodScheduled, status: "False", reason: Unschedulable}]}`;

describe("kstatus Pod", () => {
  it("reports a pod with no phase yet as InProgress", () => {
    expect(
      computeKStatus(object("{apiVersion: v1, kind: Pod, metadata: {name: test, generation: 1}}")),
    ).toEqual({
      kstatus: "InProgress",
      message: "Pod phase not available",
    });
  });

  it("reports a running pod with Ready=True as Current", () => {
    expect(computeKStatus(pod(`{phase: Running, conditions: [{type: Ready, status: "True"}]}`))).toEqual({
      kstatus: "Current",
      message: "Pod is Ready",
    });
  });

  it("reports a succeeded pod as Current", () => {
    const status = `{phase: Succeeded, conditions: [{type: Ready, status: "False", reason: PodCompleted}]}`;
    expect(computeKStatus(pod(status))).toEqual({
      kstatus: "Current",
      message: "Pod has completed successfully",
    });
  });

  it("reports a failed pod as Current, since it has finished", () => {
    const status = `{phase: Failed, conditions: [{type: Ready, status: "False", reason: PodCompleted}]}`;
    expect(computeKStatus(pod(status))).toEqual({
      kstatus: "Current",
      message: "Pod has completed, but not successfully",
    });
  });

  it("reports a running pod that is not ready as InProgress", () => {
    const status = `{phase: Running, conditions: [{type: Ready, status: "False", reason: ContainersNotReady}]}`;
    expect(computeKStatus(pod(status))).toEqual({
      kstatus: "InProgress",
      message: "Pod is running but is not Ready",
    });
  });

  it("reports a running pod with a container in CrashLoopBackOff as Failed, naming the container", () => {
    expect(computeKStatus(loadFixture("pod/kstatus-crashloop.yaml"))).toEqual({
      kstatus: "Failed",
      message: "Containers in CrashLoop state: worker",
    });
  });

  it("reports a pending pod as InProgress", () => {
    expect(computeKStatus(pod("{phase: Pending}"))).toEqual({
      kstatus: "InProgress",
      message: "Pod is in the Pending phase",
    });
  });

  it("gives a new unschedulable pod 15 seconds before calling it Failed, saying until when", () => {
    const created = new Date("2025-03-12T10:04:27Z");
    const young = pod(unschedulable, `{name: test, creationTimestamp: "${created.toISOString()}"}`);
    expect(computeKStatus(young, new Date(created.getTime() + 10_000))).toEqual({
      kstatus: "InProgress",
      message: "Pod has not been scheduled",
      until: created.getTime() + 15_000,
    });
  });

  it("reports a pod unschedulable for longer than 15 seconds as Failed", () => {
    const old = loadFixture("pod/kstatus-unschedulable.yaml");
    expect(computeKStatus(old, new Date("2025-03-12T10:04:43Z"))).toEqual({
      kstatus: "Failed",
      message: "Pod could not be scheduled",
    });
  });

  it("reports an unschedulable pod without a creationTimestamp as Failed", () => {
    expect(computeKStatus(pod(unschedulable))).toEqual({
      kstatus: "Failed",
      message: "Pod could not be scheduled",
    });
  });

  it("reports a phase kstatus does not know as Unknown", () => {
    expect(computeKStatus(pod("{phase: Unknown}"))).toEqual({
      kstatus: "Unknown",
      message: "unknown phase Unknown",
    });
  });

  it("reports a deleted pod as Terminating whatever its phase", () => {
    expect(computeKStatus(loadFixture("pod/kstatus-terminating.yaml")).kstatus).toBe("Terminating");
  });
});
