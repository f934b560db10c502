import { describe, expect, it } from "vitest";
import { loadFixture } from "../../test/support/fixtures.ts";
import { interpret } from "../interpret/interpret.ts";
import { lines, renderFamilies } from "./testing/render.ts";
import { storedFromObject } from "./testing/stored-object.ts";

describe("KeptnMetric family", () => {
  it("renders the metric's value with its provider", () => {
    const object = loadFixture("keptnmetric/ok.yaml");
    const record = storedFromObject(object, interpret(object));

    const text = renderFamilies([record], { names: "keptn_.*", format: "openmetrics" });

    expect(text).toBe(
      lines(
        "# HELP keptn_metric_value Current value of a KeptnMetric as its provider last reported it.",
        "# TYPE keptn_metric_value gauge",
        'keptn_metric_value{cluster="prod-eu",namespace="shop",name="checkout-error-rate",provider="prometheus-main"} 0.0023148148148148147',
        "# EOF",
      ),
    );
  });

  it("renders no series for a metric whose value is not a number", () => {
    const object = loadFixture("keptnmetric/non-numeric.yaml");
    const record = storedFromObject(object, interpret(object));

    expect(renderFamilies([record], { names: "keptn_.*" })).toBe("");
  });
});
