import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";
import { parseQuantity } from "./node.ts";

const nodeFixture = (name: string) => loadFixture(`node/${name}.yaml`);
const node = (name: string) => interpret(nodeFixture(name));

describe("Node health", () => {
  it("is Healthy when Ready and under no pressure", () => {
    const status = node("ready");
    expect(status.health).toBe("Healthy");
    expect(status.phase).toBe("Ready");
  });

  it("is Degraded, naming the pressure, when not ready with disk pressure", () => {
    const status = node("not-ready-disk-pressure");
    expect(status.health).toBe("Degraded");
    expect(status.message).toMatch(/^Node is not ready: container runtime not ready: .*; DiskPressure$/);
    expect(status.phase).toBe("NotReady");
  });

  it("is Degraded when Ready but under memory pressure", () => {
    const status = node("memory-pressure");
    expect(status.health).toBe("Degraded");
    expect(status.message).toBe("Node has MemoryPressure");
  });

  it("is Unknown when the kubelet stopped posting status", () => {
    const status = node("unreachable");
    expect(status.health).toBe("Unknown");
    expect(status.message).toBe("Node status is unknown: Kubelet stopped posting node status.");
    expect(status.phase).toBe("Unknown");
  });

  it("is Suspended when cordoned but otherwise fine", () => {
    const status = node("cordoned");
    expect(status.health).toBe("Suspended");
    expect(status.message).toBe("Node is cordoned (unschedulable)");
    expect(status.phase).toBe("Ready,SchedulingDisabled");
  });

  it("is still Degraded when a broken node is also cordoned", () => {
    const obj = nodeFixture("not-ready-disk-pressure");
    const status = interpret({ ...obj, spec: { ...(obj.spec as object), unschedulable: true } });
    expect(status.health).toBe("Degraded");
    expect(status.phase).toBe("NotReady,SchedulingDisabled");
  });

  it("is Unknown when no Ready condition has been reported", () => {
    const { status: _, ...obj } = nodeFixture("ready");
    expect(interpret(obj).health).toBe("Unknown");
  });

  it("reports allocatable and capacity cpu, memory and pods as values", () => {
    expect(node("ready").values).toEqual({
      allocatableCpuCores: 3.92,
      allocatableMemoryBytes: 15136204 * 1024,
      allocatablePods: 58,
      capacityCpuCores: 4,
      capacityMemoryBytes: 16181708 * 1024,
      capacityPods: 58,
    });
  });
});

describe("parseQuantity", () => {
  it.each([
    ["3920m", 3.92],
    ["4", 4],
    ["16Gi", 16 * 2 ** 30],
    ["512Mi", 512 * 2 ** 20],
    ["1.5G", 1.5e9],
    ["100k", 100_000],
    ["12e3", 12_000],
    ["250u", 0.00025],
  ])("reads %s as %d", (quantity, expected) => {
    expect(parseQuantity(quantity)).toBeCloseTo(expected, 9);
  });

  it("rejects what is not a quantity", () => {
    expect(parseQuantity("lots")).toBeUndefined();
    expect(parseQuantity("5 Gi")).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });
});
