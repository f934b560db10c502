import type { KubeObject } from "../kube-object.ts";
import { groupOf } from "../kube-object.ts";
import {
  alwaysReady,
  customResourceDefinitionStatus,
  jobStatus,
  persistentVolumeClaimStatus,
  podDisruptionBudgetStatus,
  serviceStatus,
} from "./core.ts";
import { podStatus } from "./pod.ts";
import type { KStatusRule } from "./result.ts";
import { daemonSetStatus, deploymentStatus, replicaSetStatus, statefulSetStatus } from "./workloads.ts";

export interface KStatusKindRow {
  /** API group (`""` for core); versions share a row, as kstatus keys its table by group and kind. */
  group: string;
  kind: string;
  status: KStatusRule;
}

/** kstatus's legacyTypes: the kinds with their own rule, run after the generic checks. */
export const kstatusKinds: readonly KStatusKindRow[] = [
  { group: "", kind: "Service", status: serviceStatus },
  { group: "", kind: "Pod", status: podStatus },
  { group: "", kind: "Secret", status: alwaysReady },
  { group: "", kind: "ConfigMap", status: alwaysReady },
  { group: "", kind: "PersistentVolumeClaim", status: persistentVolumeClaimStatus },
  { group: "apps", kind: "StatefulSet", status: statefulSetStatus },
  { group: "apps", kind: "DaemonSet", status: daemonSetStatus },
  { group: "extensions", kind: "DaemonSet", status: daemonSetStatus },
  { group: "apps", kind: "Deployment", status: deploymentStatus },
  { group: "extensions", kind: "Deployment", status: deploymentStatus },
  { group: "apps", kind: "ReplicaSet", status: replicaSetStatus },
  { group: "extensions", kind: "ReplicaSet", status: replicaSetStatus },
  { group: "policy", kind: "PodDisruptionBudget", status: podDisruptionBudgetStatus },
  { group: "batch", kind: "CronJob", status: alwaysReady },
  { group: "batch", kind: "Job", status: jobStatus },
  { group: "apiextensions.k8s.io", kind: "CustomResourceDefinition", status: customResourceDefinitionStatus },
];

// By kind, then group: a lookup needs no `group/Kind` key built for it.
const byKind = new Map<string, Map<string, KStatusRule>>();
for (const row of kstatusKinds) {
  const groups = byKind.get(row.kind) ?? new Map<string, KStatusRule>();
  byKind.set(row.kind, groups.set(row.group, row.status));
}

/** The kind's own rule, if kstatus has one for its group and kind. */
export function kstatusRuleFor(obj: KubeObject): KStatusRule | undefined {
  const group = groupOf(obj.apiVersion);
  return byKind.get(typeof obj.kind === "string" ? obj.kind : "")?.get(group);
}
