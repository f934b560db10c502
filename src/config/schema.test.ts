import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors.ts";
import { parseConfig, validateConfig } from "./load.ts";

function configError(text: string): ConfigError {
  try {
    parseConfig(text, "config.yaml");
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected the document to be rejected");
}

const widgetRule = `
  - apiVersion: example.com/v1
    kind: Widget
    health: '"Healthy"'`;

describe("configSchema", () => {
  it("fills every default into an empty document", () => {
    expect(validateConfig({}, "config.yaml")).toEqual({
      rules: [],
      metrics: [],
      bundles: { labelKeys: ["emco/deployment-id"] },
      staleAfter: 300_000,
    });
  });

  it("treats an empty file as an empty document", () => {
    expect(parseConfig("# nothing yet\n", "config.yaml").staleAfter).toBe(300_000);
  });

  it("fills defaults into watch entries", () => {
    const config = parseConfig("watch: [{apiVersion: apps/v1, kind: Deployment}]", "config.yaml");

    expect(config.watch).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", namespaces: [], labelSelector: "" },
    ]);
  });

  it("reads staleAfter as milliseconds", () => {
    expect(parseConfig("staleAfter: 90s", "config.yaml").staleAfter).toBe(90_000);
  });

  it("names the file, rule and field of a wrongly typed expression", () => {
    const error = configError(`rules:\n  - {apiVersion: example.com/v1, kind: Widget, health: 42}`);

    expect(error.message).toBe(
      "config.yaml: rules[0] (example.com/Widget): health: expected string, received number",
    );
    expect(error.source).toBe("config.yaml");
  });

  it("says a required field is missing", () => {
    const error = configError(`rules:\n  - {apiVersion: example.com/v1, kind: Widget}`);

    expect(error.message).toBe(
      "config.yaml: rules[0] (example.com/Widget): health: missing (expected string)",
    );
  });

  it("rejects a bad CEL expression with its position, rule and field", () => {
    const error = configError(`rules:${widgetRule}
  - apiVersion: example.com/v1
    kind: Gadget
    health: '"Healthy"'
    values: {replicas: 'object.status.replicas +'}`);

    expect(error.message).toMatch(
      /^config\.yaml: rules\[1\] \(example\.com\/Gadget\): values\.replicas: syntax error: .* \(at 1:24\)$/,
    );
    expect(error.issues[0]?.position).toEqual({ line: 1, column: 24 });
  });

  it("quotes field names that are not identifiers", () => {
    const error = configError(
      `rules:\n  - {apiVersion: v1, kind: Pod, health: '"Healthy"', components: {"app/web": 'x'}}`,
    );

    expect(error.issues[0]?.where).toBe('rules[0] (Pod): components["app/web"]');
  });

  it("rejects an unknown field, so a misspelt one is not silently ignored", () => {
    const error = configError(
      `rules:\n  - {apiVersion: v1, kind: Pod, helth: '"Healthy"', health: '"Healthy"'}`,
    );

    expect(error.message).toBe('config.yaml: rules[0] (Pod): unknown field "helth"');
  });

  it("rejects two rules for the same group and kind", () => {
    const error = configError(`rules:${widgetRule}${widgetRule.replace("v1", "v2")}`);

    expect(error.message).toBe("config.yaml: rules[1] (example.com/Widget): duplicates rules[0]");
  });

  it("reports every problem, one per line", () => {
    const error = configError("staleAfter: soon\nbundles: {labelKeys: [1]}");

    expect(error.issues.map((issue) => issue.where)).toEqual(["bundles.labelKeys[0]", "staleAfter"]);
    expect(error.message.split("\n")).toHaveLength(2);
  });

  it("names a metric family by its name", () => {
    const error = configError(
      "metrics:\n  - {name: widget_up, help: Up., type: gauge, kind: Widget, value: 'values.up', labels: {__x: '1'}}",
    );

    expect(error.message).toBe(
      "config.yaml: metrics[0] (widget_up): labels.__x: invalid name: label names starting with __ are reserved",
    );
  });

  it("rejects a metric family of an unknown type", () => {
    const error = configError("metrics:\n  - {name: widget_up, help: Up., type: counter, kind: Widget}");

    expect(error.issues[0]?.where).toBe("metrics[0] (widget_up): type");
  });

  it("checks metric expressions against the metric variables", () => {
    const error = configError(
      "metrics:\n  - {name: widget_up, help: Up., type: gauge, kind: Widget, value: 'vals.up'}",
    );

    expect(error.message).toContain(
      "metrics[0] (widget_up): value: undeclared reference to 'vals' (variables: object, status, values, components)",
    );
  });
});
