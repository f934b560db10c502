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

test("tells values apart that differ only in their high bits", () => {
  const memory = (gib: number) => ({ ...base, values: { memoryBytes: gib * 2 ** 30 } });
  expect(statusFingerprint(memory(16))).not.toBe(statusFingerprint(memory(32)));
});

test("tells a value moved from one name to another apart", () => {
  const moved = { ...base, values: { machineCount: 3, readyMachineCount: 0, updatedMachineCount: 3 } };
  const stayed = { ...base, values: { machineCount: 3, readyMachineCount: 3, updatedMachineCount: 0 } };
  expect(statusFingerprint(moved)).not.toBe(statusFingerprint(stayed));
});

test("tells a component's value apart from its name", () => {
  const one = { ...base, components: { server: "Running" } };
  const other = { ...base, components: { serverRunning: "" } };
  expect(statusFingerprint(one)).not.toBe(statusFingerprint(other));
});

test("gives each of many near-identical sets of values its own fingerprint", () => {
  const counts = [-1, 0, 1, 2, 3, 0.5, 2 ** 32, 2 ** 33];
  const seen = new Set<number>();
  for (const replicas of counts)
    for (const readyReplicas of counts)
      for (const updatedReplicas of counts)
        seen.add(statusFingerprint({ ...base, values: { replicas, readyReplicas, updatedReplicas } }));
  expect(seen.size).toBe(counts.length ** 3);
});
