import { describe, expect, it } from "vitest";
import { CelCompileError } from "../interpret/rules/cel-expression.ts";
import { celNumber, celText } from "../interpret/rules/cel-values.ts";
import type { ObjectStatus } from "../model/object-status.ts";
import { compileMetricFamily, metricBindings } from "./compile-metrics.ts";

const widget = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w1", namespace: "prod" } };
const status: ObjectStatus = {
  health: "Healthy",
  kstatus: "Current",
  message: "",
  values: { replicas: 3 },
  components: { engine: "Running" },
};

describe("compileMetricFamily", () => {
  it("compiles a gauge whose value and labels read the object and its values", () => {
    const family = compileMetricFamily({
      name: "widget_replicas",
      help: "Replicas of a widget.",
      type: "gauge",
      apiVersion: "example.com/v1",
      kind: "Widget",
      value: "values.replicas",
      labels: { widget: "object.metadata.name" },
    });
    const bindings = metricBindings(widget, status);

    expect(family.group).toBe("example.com");
    expect(celNumber(family.value?.run(bindings) ?? null)).toBe(3);
    expect(family.labels.map(([name, expr]) => [name, celText(expr.run(bindings))])).toEqual([
      ["widget", "w1"],
    ]);
  });

  it("compiles a state set over the interpreted status", () => {
    const family = compileMetricFamily({
      name: "widget_engine",
      help: "Engine state.",
      type: "stateSet",
      kind: "Widget",
      state: "components.engine",
      states: ["Running", "Stopped"],
      labels: {},
    });

    expect(family.group).toBeUndefined();
    expect(family.states).toEqual(["Running", "Stopped"]);
    expect(family.state?.run(metricBindings(widget, status))).toBe("Running");
  });

  it("reads the health through status", () => {
    const family = compileMetricFamily({
      name: "widget_health_info",
      help: "Health.",
      type: "info",
      kind: "Widget",
      labels: { health: "status.health" },
    });

    expect(family.labels[0]?.[1].run(metricBindings(widget, status))).toBe("Healthy");
  });

  it("throws a compile error for an expression that skipped validation", () => {
    const bad = {
      name: "w",
      help: "h",
      type: "gauge",
      kind: "Widget",
      value: "values.",
      labels: {},
    } as const;

    expect(() => compileMetricFamily(bad)).toThrow(CelCompileError);
  });
});
