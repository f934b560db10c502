import { compileMetricFamilies } from "../../config/compile-metrics.ts";
import type { Config } from "../../config/schema.ts";
import { createInterpreter } from "../../interpret/interpret.ts";
import type { Validity } from "../../interpret/kind-interpreter.ts";
import type { KubeObject } from "../../interpret/kube-object.ts";
import { compileRules } from "../../interpret/rules/compile-rule.ts";
import { evaluateMetricInputs, withMetricInputs } from "../../metrics/custom-inputs.ts";
import type { Logger } from "../transport/logger.ts";
import type { StatusReader } from "./object-tracker.ts";

export interface StatusReaderOptions {
  now?: () => Date;
  log?: Logger;
}

// A broken metric expression fails on every object of its kind: say so once per family and problem.
const MAX_REPORTED = 500;

/**
 * How the relay reads an object's status under a config: built-in rows overridden by config rules,
 * then the entries of custom metric families merged in, so a change of a custom metric's value or
 * label is a transition too (the read side renders those families from stored statuses).
 */
export function createStatusReader(
  config: Pick<Config, "rules" | "metrics">,
  options: StatusReaderOptions = {},
): StatusReader {
  const interpret = createInterpreter({
    rules: compileRules(config.rules),
    ...(options.now ? { now: options.now } : {}),
  });
  const families = compileMetricFamilies(config.metrics);
  if (families.length === 0) return interpret;
  const reported = new Set<string>();
  return (obj: KubeObject, validity?: Validity) => {
    const status = interpret(obj, validity);
    const inputs = evaluateMetricInputs(families, obj, status);
    for (const problem of inputs.problems) {
      if (reported.has(problem) || reported.size >= MAX_REPORTED) continue;
      reported.add(problem);
      options.log?.warn("custom metric not evaluated", {
        problem,
        kind: obj.kind,
        namespace: obj.metadata?.namespace,
        name: obj.metadata?.name,
      });
    }
    return withMetricInputs(status, inputs);
  };
}
