import { describe, expect, it } from "vitest";
import { compositeDeployed, compositeReady, deployedStatusOf, readyStatusOf } from "./readiness.ts";

describe("EMCO readiness from recorded health", () => {
  it.each([
    ["Healthy", "Ready"],
    ["Progressing", "NotReady"],
    ["Degraded", "NotReady"],
    ["Suspended", "NotReady"],
    ["Missing", "NotPresent"],
    ["Unknown", "Unknown"],
  ] as const)("reads %s as %s", (health, ready) => {
    expect(readyStatusOf(health, false)).toBe(ready);
  });

  it("reads every health of a stale cluster as Unknown", () => {
    expect(readyStatusOf("Healthy", true)).toBe("Unknown");
    expect(readyStatusOf("Missing", true)).toBe("Unknown");
  });

  it("calls a deployment Ready only when it has resources and every one is Ready", () => {
    expect(compositeReady(["Ready", "Ready"])).toBe("Ready");
    expect(compositeReady(["Ready", "Unknown"])).toBe("NotReady");
    expect(compositeReady([])).toBe("NotReady");
  });

  it("calls a resource Deleted only when it is recorded gone, and a deployment Terminated when all are", () => {
    expect(deployedStatusOf("Missing")).toBe("Deleted");
    expect(deployedStatusOf("Degraded")).toBe("Applied");
    expect(compositeDeployed(["Deleted", "Deleted"])).toBe("Terminated");
    expect(compositeDeployed(["Deleted", "Applied"])).toBe("Instantiated");
  });
});
