import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

describe("MachineConfigPool", () => {
  it("is Healthy when every machine is updated", () => {
    const status = interpret(loadFixture("machineconfigpool/updated.yaml"));

    expect(status.health).toBe("Healthy");
    expect(status.message).toMatch(/^All nodes are updated with MachineConfig rendered-worker-/);
  });

  it("copies the pool's machine counts into values", () => {
    const status = interpret(loadFixture("machineconfigpool/degraded.yaml"));

    expect(status.values).toMatchObject({
      machineCount: 3,
      readyMachineCount: 2,
      updatedMachineCount: 2,
      degradedMachineCount: 1,
      unavailableMachineCount: 1,
    });
  });

  it("is Progressing while updating, counting updated machines", () => {
    const status = interpret(loadFixture("machineconfigpool/updating.yaml"));

    expect(status).toMatchObject({ health: "Progressing", message: "2/6 machines updated" });
  });

  it("is Degraded with the degraded condition's message", () => {
    const status = interpret(loadFixture("machineconfigpool/degraded.yaml"));

    expect(status.health).toBe("Degraded");
    expect(status.message).toMatch(
      /^Node infra-1\.ocp-prod-eu1\.example\.com is reporting: "unexpected on-disk state/,
    );
  });

  it("is Suspended when paused", () => {
    const status = interpret(loadFixture("machineconfigpool/paused.yaml"));

    expect(status).toMatchObject({ health: "Suspended", message: "Pool is paused, 0/3 machines updated" });
  });

  it("is Degraded rather than Suspended when a paused pool is degraded", () => {
    const obj = loadFixture("machineconfigpool/degraded.yaml");
    obj.spec = { ...(obj.spec as object), paused: true };

    expect(interpret(obj).health).toBe("Degraded");
  });

  it("is Progressing while the controller has not observed the latest spec", () => {
    const obj = loadFixture("machineconfigpool/updated.yaml");
    obj.metadata = { ...obj.metadata, generation: 8 };

    expect(interpret(obj).health).toBe("Progressing");
  });

  it("is Progressing before the controller writes any condition", () => {
    const obj = loadFixture("machineconfigpool/updated.yaml");
    delete obj.status;

    expect(interpret(obj)).toMatchObject({
      health: "Progressing",
      message: "Waiting for the machine config controller",
    });
  });

  it("reports the newest true condition as its state, with reason and transition time", () => {
    const status = interpret(loadFixture("machineconfigpool/updating.yaml"));

    expect(status.components).toEqual({ state: "Updating", stateReason: "" });
    expect(status.values?.stateSince).toBe(Date.parse("2025-01-14T22:03:48Z") / 1000);
  });

  it("prefers Degraded over NodeDegraded when both turned true at the same time", () => {
    const status = interpret(loadFixture("machineconfigpool/degraded.yaml"));

    expect(status.components).toEqual({
      state: "Degraded",
      stateReason: "1 nodes are reporting degraded status on sync",
    });
    expect(status.values?.stateSince).toBe(Date.parse("2025-03-03T11:35:12Z") / 1000);
  });

  it("reports no state when no condition is true", () => {
    const status = interpret(loadFixture("machineconfigpool/paused.yaml"));

    expect(status.components).toBeUndefined();
    expect(status.values).not.toHaveProperty("stateSince");
  });
});
