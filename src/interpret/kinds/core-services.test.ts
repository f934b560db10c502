import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const statusFor = (path: string) => interpret(loadFixture(path));

describe("PersistentVolumeClaim", () => {
  it("is healthy when bound", () => {
    expect(statusFor("persistentvolumeclaim/bound.yaml")).toMatchObject({
      health: "Healthy",
      phase: "Bound",
    });
  });

  it("is progressing while pending, even when waiting for a first consumer", () => {
    expect(statusFor("persistentvolumeclaim/pending-wait-for-first-consumer.yaml")).toMatchObject({
      health: "Progressing",
      phase: "Pending",
    });
  });

  it("is degraded when its volume is lost", () => {
    expect(statusFor("persistentvolumeclaim/lost.yaml")).toMatchObject({ health: "Degraded", phase: "Lost" });
  });

  it("is unknown without a phase", () => {
    const pvc = { ...loadFixture("persistentvolumeclaim/bound.yaml"), status: {} };
    expect(interpret(pvc).health).toBe("Unknown");
  });
});

describe("Service", () => {
  it("is healthy as a ClusterIP service", () => {
    expect(statusFor("service/clusterip.yaml").health).toBe("Healthy");
  });

  it("is healthy as an ExternalName service", () => {
    expect(statusFor("service/externalname.yaml").health).toBe("Healthy");
  });

  it("is progressing as a LoadBalancer still waiting for an address", () => {
    expect(statusFor("service/loadbalancer-pending.yaml").health).toBe("Progressing");
  });

  it("is healthy as a LoadBalancer with an address", () => {
    expect(statusFor("service/loadbalancer-provisioned.yaml").health).toBe("Healthy");
  });
});
