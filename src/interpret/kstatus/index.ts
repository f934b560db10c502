import type { KStatusResult } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";

/** kstatus for any object, by kstatus's published rules. (Placeholder until the kstatus rules land.) */
export function computeKStatus(_obj: KubeObject): KStatusResult {
  return { kstatus: "Unknown", message: "" };
}
