import { describe, expect, it } from "vitest";
import { configSchemaWith } from "./document-schema.ts";
import { configSchema } from "./schema.ts";

const document = {
  staleAfter: "2m",
  rules: [{ apiVersion: "example.com/v1", kind: "Widget", health: 'object.status.phase == "Ready" ?' }],
  metrics: [
    {
      name: "widget_ready",
      help: "whether a widget is ready",
      kind: "Widget",
      type: "stateSet",
      state: "object.status.phase +",
      states: ["Ready", "Pending"],
      labels: { owner: "object.metadata.labels[" },
    },
  ],
};

describe("configSchemaWith", () => {
  it("without a check takes CEL that does not compile, as a reader of a validated document may", () => {
    const config = configSchemaWith(undefined).parse(document);

    expect(config).toMatchObject({
      staleAfter: 120_000,
      metrics: [
        {
          name: "widget_ready",
          type: "stateSet",
          states: ["Ready", "Pending"],
          labels: { owner: expect.any(String) },
        },
      ],
    });
  });

  it("without a check still refuses a document of the wrong shape", () => {
    const result = configSchemaWith(undefined).safeParse({
      ...document,
      metrics: [{ name: "x", type: "gauge" }],
    });

    expect(result.success).toBe(false);
  });

  it("with CEL's check (configSchema) names each expression that does not compile", () => {
    const result = configSchema.safeParse(document);

    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "rules.0.health",
      "metrics.0.labels.owner",
      "metrics.0.state",
    ]);
  });
});
