import { describe, expect, it } from "vitest";
import { compileMetricFamilies } from "../config/compile-metrics.ts";
import type { MetricFamilyConfig } from "../config/metric-family-schema.ts";
import type { ObjectStatus } from "../model/object-status.ts";
import { customFamilySpec } from "./custom-families.ts";
import { evaluateMetricInputs, withMetricInputs } from "./custom-inputs.ts";
import { renderFamilies } from "./testing/render.ts";
import { storedFromObject } from "./testing/stored-object.ts";

const configs: MetricFamilyConfig[] = [
  {
    name: "widget_replicas",
    help: "Replicas of a widget.",
    type: "gauge",
    kind: "Widget",
    value: "double(object.status.replicas)",
    labels: {
      tier: "object.metadata.labels.tier",
      owner: 'has(object.metadata.labels.owner) ? object.metadata.labels.owner : ""',
    },
  },
  {
    name: "widget_engine",
    help: "Engine state.",
    type: "stateSet",
    kind: "Widget",
    state: "components.engine",
    states: ["Running", "Stopped"],
    labels: {},
  },
  {
    name: "widget_health",
    help: "Health.",
    type: "info",
    kind: "Widget",
    labels: { health: "status.health" },
  },
  { name: "gadget_size", help: "Size.", type: "gauge", kind: "Gadget", value: "1.0", labels: {} },
];
const families = compileMetricFamilies(configs);

const widget = {
  apiVersion: "example.com/v1",
  kind: "Widget",
  metadata: { name: "w1", namespace: "prod", labels: { tier: "web" } },
  status: { replicas: 3 },
};
const status: ObjectStatus = {
  health: "Healthy",
  kstatus: "Current",
  message: "",
  components: { engine: "Running" },
};

describe("evaluateMetricInputs", () => {
  it("stores each family of the object's kind under its metric: keys", () => {
    const inputs = evaluateMetricInputs(families, widget, status);

    expect(inputs).toEqual({
      values: { "metric:widget_replicas": 3, "metric:widget_health": 1 },
      components: {
        "metric:widget_replicas:tier": "web",
        "metric:widget_engine": "Running",
        "metric:widget_health:health": "Healthy",
      },
      problems: [],
    });
  });

  it("leaves out a gauge whose value is not a number, and says why", () => {
    const inputs = evaluateMetricInputs(families, { ...widget, status: { replicas: "three" } }, status);

    expect(inputs.values).not.toHaveProperty("metric:widget_replicas");
    expect(inputs.components).not.toHaveProperty("metric:widget_replicas:tier");
    expect(inputs.problems).toHaveLength(1);
    expect(inputs.problems[0]).toMatch(/^metric widget_replicas: value: expected a finite number, got /);
  });

  it("cuts a label value to the length the status schema allows", () => {
    const long = { ...widget, metadata: { ...widget.metadata, labels: { tier: "x".repeat(2000) } } };

    const inputs = evaluateMetricInputs(families, long, status);

    expect(inputs.components["metric:widget_replicas:tier"]).toHaveLength(1024);
  });

  it("round-trips through the stored status into the rendered series", () => {
    const stored = storedFromObject(
      widget,
      withMetricInputs(status, evaluateMetricInputs(families, widget, status)),
    );

    const text = renderFamilies([stored], { names: "widget_.*", custom: configs.map(customFamilySpec) });

    const id = 'cluster="prod-eu",group="example.com",kind="Widget",namespace="prod",name="w1"';
    expect(text).toContain(`widget_replicas{${id},tier="web",owner=""} 3\n`);
    expect(text).toContain(`widget_engine{${id},widget_engine="Running"} 1\n`);
    expect(text).toContain(`widget_health_info{${id},health="Healthy"} 1\n`);
  });
});

describe("withMetricInputs", () => {
  it("returns the status itself when there is nothing to merge", () => {
    expect(withMetricInputs(status, { values: {}, components: {}, problems: [] })).toBe(status);
  });

  it("keeps the interpreter's own entries beside the metric entries", () => {
    const merged = withMetricInputs(status, {
      values: { "metric:a": 1 },
      components: { "metric:b": "x" },
      problems: [],
    });

    expect(merged.components).toEqual({ engine: "Running", "metric:b": "x" });
    expect(merged.values).toEqual({ "metric:a": 1 });
  });
});
