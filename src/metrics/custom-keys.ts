/**
 * How custom metric families travel from the relay to the read side. The read side has no Kubernetes
 * object, only the stored status, so the relay evaluates each family's CEL expressions when it interprets
 * an object (custom-inputs.ts) and merges the results into the status it sends, under keys no interpreter
 * uses:
 *
 * - `values["metric:<family>"]`: a gauge's value; 1 for an info family (the object has it);
 * - `components["metric:<family>"]`: a state set's current state;
 * - `components["metric:<family>:<label>"]`: a declared label's value (absent: the empty string).
 *
 * The read side (custom-families.ts) turns those entries back into series; the family's help, type, label
 * names and states come from the config it renders with. Since they are part of the status, a change of a
 * family's value or labels is a transition like any other, and stored families survive relay restarts.
 */
export const METRIC_KEY_PREFIX = "metric:";

/** The key of a family's value (gauge, info) or state (stateSet). */
export function familyKey(family: string): string {
  return `${METRIC_KEY_PREFIX}${family}`;
}

/** The component key of one declared label of a family. */
export function labelKey(family: string, label: string): string {
  return `${METRIC_KEY_PREFIX}${family}:${label}`;
}
