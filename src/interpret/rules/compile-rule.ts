import type { CelResult } from "@bufbuild/cel";
import { isCelError } from "@bufbuild/cel";
import type { RuleConfig } from "../../config/rule-schema.ts";
import { HEALTH, type Health } from "../../model/object-status.ts";
import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { groupOf } from "../kube-object.ts";
import { type CompiledExpression, compileExpression } from "./cel-expression.ts";
import { celNumber, celText, describeCelValue } from "./cel-values.ts";

/** What a rule's expressions can read: the whole object as JSON. */
export const RULE_VARIABLES = ["object"] as const;

const HEALTH_NAMES: ReadonlySet<string> = new Set(HEALTH);

/** Compiles config rules into interpreter rows for `createInterpreter({ rules })`; compiled once, here. */
export function compileRules(rules: readonly RuleConfig[]): KindInterpreter[] {
  return rules.map(compileRule);
}

/**
 * One rule as an interpreter row. Evaluation never throws: a failing or ill-typed health expression
 * gives `Unknown` with the reason; a failing message becomes the message; a failing phase, value or
 * component is left out, as a missing field would be.
 */
export function compileRule(rule: RuleConfig): KindInterpreter {
  const compile = (source: string) => compileExpression(source, RULE_VARIABLES);
  const health = compile(rule.health);
  const message = rule.message === undefined ? undefined : compile(rule.message);
  const row: KindInterpreter = {
    group: groupOf(rule.apiVersion),
    kind: rule.kind,
    health: (obj) => healthOf(health, message, { object: obj }),
  };
  if (rule.phase !== undefined) {
    const phase = compile(rule.phase);
    row.phase = (obj) => celText(phase.run({ object: obj })) || undefined;
  }
  if (rule.values) {
    const values = compileEntries(rule.values, compile);
    row.values = (obj) => collect(values, obj, celNumber);
  }
  if (rule.components) {
    const components = compileEntries(rule.components, compile);
    row.components = (obj) => collect(components, obj, celText);
  }
  return row;
}

function healthOf(
  health: CompiledExpression,
  message: CompiledExpression | undefined,
  bindings: { object: KubeObject },
): HealthResult {
  const result = health.run(bindings);
  if (isCelError(result)) {
    return { health: "Unknown", message: `cannot evaluate the health rule: ${health.explain(result)}` };
  }
  if (typeof result !== "string" || !HEALTH_NAMES.has(result)) {
    return {
      health: "Unknown",
      message: `the health rule gave ${describeCelValue(result)}, not one of ${HEALTH.join(", ")}`,
    };
  }
  return { health: result as Health, message: message ? messageOf(message, message.run(bindings)) : "" };
}

function messageOf(message: CompiledExpression, result: CelResult): string {
  if (isCelError(result)) return `cannot evaluate the message rule: ${message.explain(result)}`;
  if (result === null) return "";
  return celText(result) ?? describeCelValue(result);
}

function compileEntries(
  sources: Record<string, string>,
  compile: (source: string) => CompiledExpression,
): (readonly [string, CompiledExpression])[] {
  return Object.entries(sources).map(([name, source]) => [name, compile(source)] as const);
}

function collect<T>(
  entries: readonly (readonly [string, CompiledExpression])[],
  obj: KubeObject,
  convert: (value: CelResult) => T | undefined,
): Record<string, T> {
  const bindings = { object: obj };
  const out: Record<string, T> = {};
  for (const [name, expression] of entries) {
    const value = convert(expression.run(bindings));
    if (value !== undefined) out[name] = value;
  }
  return out;
}
