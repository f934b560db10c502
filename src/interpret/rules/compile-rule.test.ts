import { describe, expect, it } from "vitest";
import type { RuleConfig } from "../../config/rule-schema.ts";
import { createInterpreter } from "../interpret.ts";
import type { InterpretContext } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { compileRule, compileRules } from "./compile-rule.ts";

const ctx: InterpretContext = { interpret: () => ({ health: "Unknown", kstatus: "Unknown", message: "" }) };

const widgetRule: RuleConfig = {
  apiVersion: "example.com/v1",
  kind: "Widget",
  health: 'has(object.status) && object.status.ready ? "Healthy" : "Progressing"',
  message: 'has(object.status) && has(object.status.message) ? object.status.message : ""',
  phase: "object.status.phase",
  values: { replicas: "object.status.replicas", ready: "object.status.ready" },
  components: { engine: "object.status.engine.state" },
};

function widget(status?: Record<string, unknown>): KubeObject {
  return {
    apiVersion: "example.com/v1",
    kind: "Widget",
    metadata: { name: "w", namespace: "default" },
    status,
  };
}

describe("compileRule", () => {
  it("keys the row by the API group of the rule's apiVersion", () => {
    const row = compileRule(widgetRule);

    expect([row.group, row.kind]).toEqual(["example.com", "Widget"]);
  });

  it("gives the health and message the expressions evaluate to", () => {
    const row = compileRule(widgetRule);

    expect(row.health(widget({ ready: true, message: "all good" }), ctx)).toEqual({
      health: "Healthy",
      message: "all good",
    });
  });

  it("gives an empty message when the rule has no message expression", () => {
    const row = compileRule({ apiVersion: "v1", kind: "Thing", health: '"Healthy"' });

    expect(row.health({ apiVersion: "v1", kind: "Thing" }, ctx)).toEqual({ health: "Healthy", message: "" });
  });

  it("reads phase, values and components", () => {
    const row = compileRule(widgetRule);
    const obj = widget({ ready: false, phase: "Scaling", replicas: 3, engine: { state: "Running" } });

    expect(row.phase?.(obj, ctx)).toBe("Scaling");
    expect(row.values?.(obj, ctx)).toEqual({ replicas: 3, ready: 0 });
    expect(row.components?.(obj, ctx)).toEqual({ engine: "Running" });
  });

  it("leaves out values, components and phase whose fields are missing", () => {
    const row = compileRule(widgetRule);
    const obj = widget({ ready: true });

    expect(row.phase?.(obj, ctx)).toBeUndefined();
    expect(row.values?.(obj, ctx)).toEqual({ ready: 1 });
    expect(row.components?.(obj, ctx)).toEqual({});
  });

  it("gives Unknown with the reason and position when the health expression fails", () => {
    const row = compileRule({ ...widgetRule, health: 'object.status.ready ? "Healthy" : "Progressing"' });

    expect(row.health(widget(), ctx)).toEqual({
      health: "Unknown",
      message: "cannot evaluate the health rule: field not found: status (at 1:7)",
    });
  });

  it("gives Unknown when the health expression yields something outside the vocabulary", () => {
    const row = compileRule({ ...widgetRule, health: "object.status.state" });

    expect(row.health(widget({ state: "Ready" }), ctx)).toEqual({
      health: "Unknown",
      message:
        'the health rule gave "Ready", not one of Healthy, Progressing, Degraded, Suspended, Missing, Unknown',
    });
  });

  it("keeps the health but says why when only the message expression fails", () => {
    const row = compileRule({ ...widgetRule, message: "object.status.message" });

    const result = row.health(widget({ ready: true }), ctx);

    expect(result.health).toBe("Healthy");
    expect(result.message).toMatch(/^cannot evaluate the message rule: .*message/);
  });
});

describe("rules in createInterpreter", () => {
  it("interpret a kind that has no built-in row", () => {
    const interpret = createInterpreter({ rules: compileRules([widgetRule]) });

    const status = interpret(widget({ ready: true, message: "ok", replicas: 2, phase: "Ready" }));

    expect(status).toMatchObject({
      health: "Healthy",
      message: "ok",
      phase: "Ready",
      values: { replicas: 2 },
    });
  });

  it("override a built-in kind of the same group", () => {
    const rule: RuleConfig = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      health: '"Suspended"',
      message: '"by rule"',
    };
    const interpret = createInterpreter({ rules: compileRules([rule]) });

    const status = interpret({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: {},
    });

    expect(status).toMatchObject({ health: "Suspended", message: "by rule" });
  });

  it("override a core kind", () => {
    const rule: RuleConfig = { apiVersion: "v1", kind: "Pod", health: '"Degraded"', message: '"by rule"' };
    const interpret = createInterpreter({ rules: compileRules([rule]) });

    const status = interpret({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      status: { phase: "Running" },
    });

    expect(status).toMatchObject({ health: "Degraded", message: "by rule" });
  });
});
