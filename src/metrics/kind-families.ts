import type { StoredObject } from "../store/records.ts";
import { argocdFamilies } from "./argocd-families.ts";
import type { Family } from "./family.ts";
import { keptnFamilies } from "./keptn-families.ts";
import { mcoFamilies } from "./mco-families.ts";

/** Built-in kinds with families of their own, by `group/Kind`; every object also has the object families. */
export const KIND_FAMILIES: Readonly<Record<string, readonly Family<StoredObject>[]>> = {
  "argoproj.io/ArgoCD": argocdFamilies,
  "machineconfiguration.openshift.io/MachineConfigPool": mcoFamilies,
  "metrics.keptn.sh/KeptnMetric": keptnFamilies,
};
