import { type CelResult, isCelError } from "@bufbuild/cel";
import { type CompiledMetricFamily, metricBindings } from "../config/compile-metrics.ts";
import { groupOf, type KubeObject } from "../interpret/kube-object.ts";
import type { CompiledExpression } from "../interpret/rules/cel-expression.ts";
import { celNumber, celText, describeCelValue } from "../interpret/rules/cel-values.ts";
import type { ObjectStatus } from "../model/object-status.ts";
import { familyKey, labelKey } from "./custom-keys.ts";

/** Entries to merge into an object's status (scheme in custom-keys.ts), and why any family was left out. */
export interface MetricInputs {
  values: Record<string, number>;
  components: Record<string, string>;
  /** One line per expression that failed or gave the wrong type, for the relay's log. */
  problems: string[];
}

// Limits of objectStatusSchema (src/model/object-status.ts): an entry past them would get the whole batch
// rejected by ingest, so a family whose keys are too long is left out and a long label value is cut.
const MAX_VALUE_KEY = 256;
const MAX_COMPONENT_KEY = 640;
const MAX_COMPONENT_VALUE = 1024;

/** Whether a family is declared for this object's kind (and group, when the family names one). */
export function familyApplies(family: Pick<CompiledMetricFamily, "kind" | "group">, object: KubeObject) {
  return (
    family.kind === object.kind && (family.group === undefined || family.group === groupOf(object.apiVersion))
  );
}

/**
 * Evaluates every custom family declared for the object's kind, at interpret time on the relay.
 * `status` is the interpreted status the expressions read (without earlier metric entries).
 */
export function evaluateMetricInputs(
  families: readonly CompiledMetricFamily[],
  object: KubeObject,
  status: ObjectStatus,
): MetricInputs {
  const out: MetricInputs = { values: {}, components: {}, problems: [] };
  const bindings = metricBindings(object, status);
  for (const family of families) {
    if (familyApplies(family, object)) addFamily(out, family, bindings);
  }
  return out;
}

function addFamily(out: MetricInputs, family: CompiledMetricFamily, bindings: Record<string, unknown>) {
  const key = familyKey(family.name);
  const longestLabel = Math.max(0, ...family.labels.map(([label]) => labelKey(family.name, label).length));
  if (key.length > MAX_VALUE_KEY || longestLabel > MAX_COMPONENT_KEY) {
    out.problems.push(`metric ${family.name}: name too long to store`);
    return;
  }
  const evaluate = <T>(what: string, expr: CompiledExpression, convert: (r: CelResult) => T | undefined) => {
    const result = expr.run(bindings);
    const value = convert(result);
    if (value === undefined) {
      const got = isCelError(result) ? expr.explain(result) : describeCelValue(result);
      out.problems.push(
        `metric ${family.name}: ${what}: expected ${EXPECTED[what] ?? "a scalar"}, got ${got}`,
      );
    }
    return value;
  };
  if (family.type === "gauge" && family.value) {
    const value = evaluate("value", family.value, celNumber);
    if (value === undefined) return;
    out.values[key] = value;
  } else if (family.type === "stateSet" && family.state) {
    const state = evaluate("state", family.state, celText);
    if (state === undefined) return;
    out.components[key] = state.slice(0, MAX_COMPONENT_VALUE);
  } else {
    out.values[key] = 1;
  }
  for (const [label, expr] of family.labels) {
    const text = evaluate(`label ${label}`, expr, celText);
    // An empty value is not stored: the read side renders a missing label as "".
    if (text) out.components[labelKey(family.name, label)] = text.slice(0, MAX_COMPONENT_VALUE);
  }
}

const EXPECTED: Readonly<Record<string, string>> = { value: "a finite number", state: "a string" };

/** The status with the metric entries merged in; the same object when there are none. */
export function withMetricInputs(status: ObjectStatus, inputs: MetricInputs): ObjectStatus {
  const hasValues = Object.keys(inputs.values).length > 0;
  const hasComponents = Object.keys(inputs.components).length > 0;
  if (!hasValues && !hasComponents) return status;
  const merged: ObjectStatus = { ...status };
  if (hasValues) merged.values = { ...status.values, ...inputs.values };
  if (hasComponents) merged.components = { ...status.components, ...inputs.components };
  return merged;
}
