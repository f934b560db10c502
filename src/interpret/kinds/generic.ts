import type { KindInterpreter } from "../kind-interpreter.ts";

/**
 * The fallback for kinds with no row and no config rule: Ready/Available/Stalled/Reconciling conditions
 * and observedGeneration. (Placeholder until the generic rule lands.)
 */
export const genericKind: KindInterpreter = {
  group: "*",
  kind: "*",
  health: () => ({ health: "Unknown", message: "" }),
};
