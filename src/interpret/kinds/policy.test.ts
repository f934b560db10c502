import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const pdb = (name: string) => interpret(loadFixture(`poddisruptionbudget/${name}.yaml`));

describe("PodDisruptionBudget health", () => {
  it("is Healthy with its counts when enough pods are healthy", () => {
    const status = pdb("healthy");
    expect(status.health).toBe("Healthy");
    expect(status.message).toBe("PDB: 3/2 healthy pods, disruptions allowed 1");
  });

  it("is Degraded when fewer pods are healthy than the budget needs", () => {
    const status = pdb("insufficient-pods");
    expect(status.health).toBe("Degraded");
    expect(status.message).toBe("PDB: 1/2 healthy pods, disruptions allowed 0");
  });

  it("stays Healthy when the budget forbids every disruption but all pods are healthy", () => {
    const status = pdb("blocks-all-disruptions");
    expect(status.health).toBe("Healthy");
    expect(status.message).toBe("PDB: 3/3 healthy pods, disruptions allowed 0");
  });

  it("is Degraded with the reason when the disruption controller cannot sync it", () => {
    const status = pdb("sync-failed");
    expect(status.health).toBe("Degraded");
    expect(status.message).toBe("PodDisruptionBudget has SyncFailed");
  });

  it("is Progressing while the controller has not computed it yet", () => {
    const status = pdb("not-yet-observed");
    expect(status.health).toBe("Progressing");
    expect(status.message).toBe("Waiting for status");
  });

  it("reports its counts as values", () => {
    expect(pdb("insufficient-pods").values).toEqual({
      currentHealthy: 1,
      desiredHealthy: 2,
      disruptionsAllowed: 0,
      expectedPods: 2,
    });
  });

  it("reports no values before the counts are computed", () => {
    expect(pdb("not-yet-observed").values).toBeUndefined();
  });
});
