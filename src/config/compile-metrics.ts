import { groupOf, type KubeObject } from "../interpret/kube-object.ts";
import { type CompiledExpression, compileExpression } from "../interpret/rules/cel-expression.ts";
import type { ObjectStatus } from "../model/object-status.ts";
import { METRIC_VARIABLES, type MetricFamilyConfig } from "./metric-family-schema.ts";

/**
 * A custom metric family with its expressions compiled once; renderers evaluate them per object with
 * `metricBindings` and convert results with `celNumber` / `celText` (src/interpret/rules/cel-values.ts).
 */
export interface CompiledMetricFamily {
  name: string;
  help: string;
  type: MetricFamilyConfig["type"];
  /** API group the family is narrowed to; undefined: every group with this kind. */
  group: string | undefined;
  kind: string;
  labels: readonly (readonly [name: string, expression: CompiledExpression])[];
  /** gauge: the sample value. */
  value?: CompiledExpression;
  /** stateSet: the current state, and every state a series is rendered for. */
  state?: CompiledExpression;
  states?: readonly string[];
}

/** Compiles validated families (see `metricFamilySchema`); throws `CelCompileError` on an unchecked one. */
export function compileMetricFamilies(families: readonly MetricFamilyConfig[]): CompiledMetricFamily[] {
  return families.map(compileMetricFamily);
}

export function compileMetricFamily(family: MetricFamilyConfig): CompiledMetricFamily {
  const compile = (source: string) => compileExpression(source, METRIC_VARIABLES);
  const compiled: CompiledMetricFamily = {
    name: family.name,
    help: family.help,
    type: family.type,
    group: family.apiVersion === undefined ? undefined : groupOf(family.apiVersion),
    kind: family.kind,
    labels: Object.entries(family.labels).map(([name, source]) => [name, compile(source)] as const),
  };
  if (family.type === "gauge") compiled.value = compile(family.value);
  if (family.type === "stateSet") {
    compiled.state = compile(family.state);
    compiled.states = family.states;
  }
  return compiled;
}

/** The variables a family's expressions read, for one object and its interpreted status. */
export function metricBindings(object: KubeObject, status: ObjectStatus): Record<string, unknown> {
  return { object, status, values: status.values ?? {}, components: status.components ?? {} };
}
