import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const statusFor = (path: string) => interpret(loadFixture(path));

describe("Pod", () => {
  it("is healthy when running and ready", () => {
    expect(statusFor("pod/running-ready.yaml")).toMatchObject({ health: "Healthy", phase: "Running" });
  });

  it("is degraded in CrashLoopBackOff, with the container's waiting message", () => {
    expect(statusFor("pod/crashloopbackoff.yaml")).toMatchObject({
      health: "Degraded",
      message:
        "back-off 5m0s restarting failed container=orders pod=orders-69d4b7f5c8-m4t9r_shop(b2c3d4e5-f6a7-4890-9bcd-ef0123456789)",
    });
  });

  it("is degraded in ImagePullBackOff though its phase is still Pending", () => {
    expect(statusFor("pod/imagepullbackoff.yaml")).toMatchObject({
      health: "Degraded",
      phase: "Pending",
      message: 'Back-off pulling image "registry.example.com/messaging/notifications:1.4.1"',
    });
  });

  it("is degraded when a container cannot be configured", () => {
    expect(statusFor("pod/create-container-config-error.yaml")).toMatchObject({
      health: "Degraded",
      message: 'secret "ledger-db-credentials" not found',
    });
  });

  it("is progressing while unschedulable, as any Pending pod is", () => {
    expect(statusFor("pod/unschedulable.yaml")).toMatchObject({ health: "Progressing", phase: "Pending" });
  });

  it("is progressing while an init container crash-loops, as only main containers are checked", () => {
    expect(statusFor("pod/init-container-crashloop.yaml").health).toBe("Progressing");
  });

  it("is progressing while running but not yet ready", () => {
    expect(statusFor("pod/running-not-ready.yaml").health).toBe("Progressing");
  });

  it("is degraded when running but not ready after a container has terminated", () => {
    expect(statusFor("pod/running-not-ready-after-restart.yaml").health).toBe("Degraded");
  });

  it("is never healthy while running with restartPolicy Never", () => {
    expect(statusFor("pod/running-restart-never.yaml").health).toBe("Progressing");
  });

  it("is not degraded by ImagePullBackOff with restartPolicy Never, so sync hooks are not failed early", () => {
    expect(statusFor("pod/restart-never-imagepullbackoff.yaml").health).toBe("Progressing");
  });

  it("is healthy once succeeded", () => {
    expect(statusFor("pod/succeeded.yaml")).toMatchObject({ health: "Healthy", phase: "Succeeded" });
  });

  it("is degraded when evicted, with the eviction message", () => {
    expect(statusFor("pod/evicted.yaml")).toMatchObject({
      health: "Degraded",
      phase: "Failed",
      message:
        "The node was low on resource: memory. Threshold quantity: 100Mi, available: 91264Ki. Container builder was using 3402712Ki, request is 128Mi, has larger consumption of memory. ",
    });
  });

  it("names OOMKilled when a failed container was killed for memory", () => {
    expect(statusFor("pod/oomkilled.yaml")).toMatchObject({ health: "Degraded", message: "OOMKilled" });
  });

  it("names the container and exit code when a failed container left no message", () => {
    expect(statusFor("pod/failed-exit-code.yaml")).toMatchObject({
      health: "Degraded",
      message: 'container "invoicer" failed with exit code 2',
    });
  });

  it("is unknown when its node is lost", () => {
    expect(statusFor("pod/node-lost.yaml")).toMatchObject({
      health: "Unknown",
      phase: "Unknown",
      message:
        "Node ip-10-0-63-88.eu-west-1.compute.internal which was running pod orders-6c8f5d9b47-b3n8v is unresponsive",
    });
  });

  it("is pending deletion once a deletion timestamp is set", () => {
    expect(statusFor("pod/terminating.yaml")).toMatchObject({
      health: "Progressing",
      message: "Pending deletion",
    });
  });

  it("keeps its own health while deleted under Argo CD's hook finalizer", () => {
    expect(statusFor("pod/hook-finalizer-deleting.yaml").health).toBe("Healthy");
  });

  it("reports containers, ready containers and restarts as values", () => {
    expect(statusFor("pod/running-not-ready-after-restart.yaml").values).toEqual({
      containers: 1,
      readyContainers: 0,
      restarts: 1,
    });
  });

  it("counts containers from spec before any has a status", () => {
    expect(statusFor("pod/unschedulable.yaml").values).toEqual({
      containers: 1,
      readyContainers: 0,
      restarts: 0,
    });
  });
});
