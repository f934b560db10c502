import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { Condition, KubeObject } from "../kube-object.ts";
import { bool, conditionsOf, specOf } from "../kube-object.ts";

const isTrue = (conditions: Condition[], type: string) =>
  conditions.some((c) => c.type === type && c.status === "True");

/**
 * Argo CD's Kustomization and HelmRelease health.lua: suspended first, then Ready=Unknown together with
 * Reconciling=True is Progressing, a succeeded release is Healthy and anything else Degraded. The message
 * is the Ready condition's reason, as Argo CD shows it. A Stalled=True object always has Ready=False, so
 * it lands in Degraded.
 */
function fluxHealth(succeeded: (conditions: Condition[]) => boolean) {
  return (obj: KubeObject): HealthResult => {
    if (bool(specOf(obj).suspend) === true)
      return { health: "Suspended", message: `${obj.kind} is suspended` };
    const conditions = conditionsOf(obj);
    if (conditions.length === 0) return { health: "Progressing", message: "Status unknown" };
    const ready = conditions.findLast((c) => c.type === "Ready");
    const message = ready?.reason ?? "";
    if (ready?.status === "Unknown" && isTrue(conditions, "Reconciling"))
      return { health: "Progressing", message };
    return { health: succeeded(conditions) ? "Healthy" : "Degraded", message };
  };
}

const kustomizationSucceeded = (conditions: Condition[]) => isTrue(conditions, "Ready");

/**
 * Ready=True plus a True Released or TestSuccess. The Lua wants exactly two of the three True, so a release
 * whose Helm tests passed (all three True) reads as Degraded there; we call that Healthy on purpose.
 */
const helmReleaseSucceeded = (conditions: Condition[]) =>
  isTrue(conditions, "Ready") && (isTrue(conditions, "Released") || isTrue(conditions, "TestSuccess"));

export const fluxKinds: KindInterpreter[] = [
  { group: "kustomize.toolkit.fluxcd.io", kind: "Kustomization", health: fluxHealth(kustomizationSucceeded) },
  { group: "helm.toolkit.fluxcd.io", kind: "HelmRelease", health: fluxHealth(helmReleaseSucceeded) },
];
