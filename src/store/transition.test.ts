import { describe, expect, it } from "vitest";
import type { ObjectStatus } from "../model/object-status.ts";
import { isTombstone, isTransition, tombstoneStatus } from "./transition.ts";

const base: ObjectStatus = { health: "Healthy", kstatus: "Current", message: "ok", phase: "Running" };

describe("transitions", () => {
  it("are changes of health, kstatus, phase, components or values", () => {
    expect(isTransition(base, { ...base, health: "Degraded" })).toBe(true);
    expect(isTransition(base, { ...base, kstatus: "InProgress" })).toBe(true);
    expect(isTransition(base, { ...base, phase: "Pending" })).toBe(true);
    expect(isTransition(base, { ...base, components: { server: "Running" } })).toBe(true);
    expect(isTransition({ ...base, values: { replicas: 3 } }, { ...base, values: { replicas: 2 } })).toBe(
      true,
    );
  });

  it("are not changes of message alone", () => {
    expect(isTransition(base, { ...base, message: "ok again" })).toBe(false);
  });

  it("treat an absent map or phase like an empty one", () => {
    expect(isTransition({ ...base, phase: undefined }, { ...base, phase: "" })).toBe(false);
    expect(isTransition(base, { ...base, components: {}, values: {} })).toBe(false);
  });

  it("start with the first status ever seen", () => {
    expect(isTransition(undefined, base)).toBe(true);
  });

  it("tell a deleted object from one Argo CD calls Missing", () => {
    expect(isTombstone(tombstoneStatus(""))).toBe(true);
    expect(isTombstone({ ...base, health: "Missing" })).toBe(false);
  });
});
