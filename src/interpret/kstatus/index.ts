import type { KStatusResult } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { conditionsOnce } from "./conditions.ts";
import { checkGenericProperties, checkReadyCondition } from "./generic.ts";
import { kstatusRuleFor } from "./kinds.ts";
import { current, unknown } from "./result.ts";

/**
 * kstatus for any object, by kstatus's published rules (sigs.k8s.io/cli-utils status.Compute): generic
 * properties, then the kind's own rule, then a Ready condition, else Current. Where Compute would return an
 * error, the object is Unknown. `now` only matters for a Pod waiting to be scheduled.
 */
export function computeKStatus(obj: KubeObject, now: Date = new Date()): KStatusResult {
  try {
    const conditions = conditionsOnce(obj);
    const generic = checkGenericProperties(obj, conditions);
    if (generic) return generic;
    const rule = kstatusRuleFor(obj);
    if (rule) return rule(obj, now, conditions);
    return checkReadyCondition(conditions) ?? current("Resource is current");
  } catch (error) {
    // The dispatcher calls this for every object; one odd object must not stop the rest.
    return unknown(error instanceof Error ? error.message : String(error));
  }
}
