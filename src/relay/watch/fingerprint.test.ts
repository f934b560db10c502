import { expect, test } from "vitest";
import type { ObjectStatus } from "../../model/object-status.ts";
import { statusFingerprint } from "./fingerprint.ts";

const base: ObjectStatus = {
  health: "Healthy",
  kstatus: "Current",
  message: "Deployment has minimum availability.",
  phase: "Running",
  components: { server: "Running", repoServer: "Running" },
  values: { machineCount: 3, readyMachineCount: 3 },
};

test("ignores the message", () => {
  expect(statusFingerprint({ ...base, message: "something else" })).toBe(statusFingerprint(base));
});

test("ignores the order of components and values", () => {
  const reordered = {
    ...base,
    components: { repoServer: "Running", server: "Running" },
    values: { readyMachineCount: 3, machineCount: 3 },
  };
  expect(statusFingerprint(reordered)).toBe(statusFingerprint(base));
});

test.each<[string, Partial<ObjectStatus>]>([
  ["health", { health: "Degraded" }],
  ["kstatus", { kstatus: "InProgress" }],
  ["phase", { phase: "Pending" }],
  ["a component", { components: { server: "Pending", repoServer: "Running" } }],
  ["a value", { values: { machineCount: 3, readyMachineCount: 2 } }],
  ["a value's name", { values: { machineCount: 3, updatedMachineCount: 3 } }],
])("changes with %s", (_, change) => {
  expect(statusFingerprint({ ...base, ...change })).not.toBe(statusFingerprint(base));
});

test("tells a missing phase from an empty map", () => {
  const { phase: _, ...withoutPhase } = base;
  expect(statusFingerprint(withoutPhase)).not.toBe(statusFingerprint(base));
});
