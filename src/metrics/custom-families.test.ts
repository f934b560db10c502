import { describe, expect, it } from "vitest";
import type { MetricFamilyConfig } from "../config/metric-family-schema.ts";
import { type CustomFamilySpec, customFamilySpec } from "./custom-families.ts";
import { MetricsCache } from "./metrics-cache.ts";
import { lines, renderFamilies } from "./testing/render.ts";
import { storedObject } from "./testing/stored-object.ts";

const replicas: MetricFamilyConfig = {
  name: "widget_replicas",
  help: "Replicas of a widget.",
  type: "gauge",
  apiVersion: "example.com/v1",
  kind: "Widget",
  value: "values.replicas",
  labels: { tier: "object.metadata.labels.tier" },
};
const engine: MetricFamilyConfig = {
  name: "widget_engine",
  help: "Engine state of a widget.",
  type: "stateSet",
  kind: "Widget",
  state: "components.engine",
  states: ["Running", "Stopped"],
  labels: {},
};
const build: MetricFamilyConfig = {
  name: "widget_build",
  help: 'Build of a widget, "as shipped".',
  type: "info",
  kind: "Widget",
  labels: { version: "object.spec.version" },
};
const specs = [replicas, engine, build].map(customFamilySpec);

const widget = storedObject(
  "example.com/v1",
  "Widget",
  "w1",
  {
    values: { "metric:widget_replicas": 3, "metric:widget_build": 1 },
    components: {
      "metric:widget_replicas:tier": "web",
      "metric:widget_engine": "Running",
      "metric:widget_build:version": "1.4.2",
    },
  },
  { namespace: "prod" },
);
const id = 'cluster="prod-eu",group="example.com",kind="Widget",namespace="prod",name="w1"';

describe("custom families", () => {
  it("render gauge, state set and info families from stored entries in the text format", () => {
    const text = renderFamilies([widget], { names: "widget_.*", custom: specs });

    expect(text).toBe(
      lines(
        "# HELP widget_replicas Replicas of a widget.",
        "# TYPE widget_replicas gauge",
        `widget_replicas{${id},tier="web"} 3`,
        "# HELP widget_engine Engine state of a widget.",
        "# TYPE widget_engine gauge",
        `widget_engine{${id},widget_engine="Running"} 1`,
        `widget_engine{${id},widget_engine="Stopped"} 0`,
        '# HELP widget_build_info Build of a widget, "as shipped".',
        "# TYPE widget_build_info gauge",
        `widget_build_info{${id},version="1.4.2"} 1`,
      ),
    );
  });

  it("type state sets and info families as OpenMetrics does, with the info family named without _info", () => {
    const text = renderFamilies([widget], { names: "widget_.*", custom: specs, format: "openmetrics" });

    expect(text).toBe(
      lines(
        "# HELP widget_replicas Replicas of a widget.",
        "# TYPE widget_replicas gauge",
        `widget_replicas{${id},tier="web"} 3`,
        "# HELP widget_engine Engine state of a widget.",
        "# TYPE widget_engine stateset",
        `widget_engine{${id},widget_engine="Running"} 1`,
        `widget_engine{${id},widget_engine="Stopped"} 0`,
        '# HELP widget_build Build of a widget, \\"as shipped\\".',
        "# TYPE widget_build info",
        `widget_build_info{${id},version="1.4.2"} 1`,
        "# EOF",
      ),
    );
  });

  it("render a label the relay stored no value for as empty", () => {
    const bare = storedObject(
      "example.com/v1",
      "Widget",
      "w1",
      { values: { "metric:widget_replicas": 2 } },
      { namespace: "prod" },
    );

    const text = renderFamilies([bare], { names: "widget_replicas", custom: specs });

    expect(text).toContain(`widget_replicas{${id},tier=""} 2\n`);
  });

  it("apply a family narrowed to an API group only to that group", () => {
    const other = storedObject("other.io/v1", "Widget", "w1", widget.status, { namespace: "prod" });

    const text = renderFamilies([other], { names: "widget_.*", custom: specs });

    expect(text).not.toContain("widget_replicas");
    expect(text).toContain('widget_engine{cluster="prod-eu",group="other.io"');
  });

  it("keep the identity labels when a family declares a label of the same name", () => {
    const spec: CustomFamilySpec = { ...customFamilySpec(replicas), labels: ["name", "tier"] };

    const text = renderFamilies([widget], { names: "widget_replicas", custom: [spec] });

    expect(text).toContain(`widget_replicas{${id},tier="web"} 3\n`);
  });

  it("leave out a family whose name is taken, and say so", () => {
    const clash = customFamilySpec({ ...replicas, name: "status_recorder_object_transitions" });

    const cache = new MetricsCache({ staleAfterMs: 60_000, customFamilies: [clash] });

    expect(cache.conflicts).toEqual([
      "metric family status_recorder_object_transitions left out: the name status_recorder_object_transitions is already in use",
    ]);
  });

  it("read the same spec from a compiled family as from its config", async () => {
    const { compileMetricFamily } = await import("../config/compile-metrics.ts");

    expect(customFamilySpec(compileMetricFamily(engine))).toEqual(customFamilySpec(engine));
  });
});
