import type { WatchConfig } from "../../config/schema.ts";

/**
 * What the relay watches when the config names no `watch` list: every kind with a built-in
 * interpreter row, at the version clusters serve today. Discovery falls back to any version the
 * group serves (e.g. an ArgoCD operator still on v1alpha1), so one row per kind is enough.
 * The legacy `extensions` group rows are left out: no supported cluster serves them.
 */
export const DEFAULT_KINDS: readonly { apiVersion: string; kind: string }[] = [
  { apiVersion: "v1", kind: "Namespace" },
  { apiVersion: "v1", kind: "Node" },
  { apiVersion: "v1", kind: "Pod" },
  { apiVersion: "v1", kind: "Service" },
  { apiVersion: "v1", kind: "PersistentVolumeClaim" },
  { apiVersion: "apps/v1", kind: "Deployment" },
  { apiVersion: "apps/v1", kind: "StatefulSet" },
  { apiVersion: "apps/v1", kind: "DaemonSet" },
  { apiVersion: "apps/v1", kind: "ReplicaSet" },
  { apiVersion: "batch/v1", kind: "Job" },
  { apiVersion: "batch/v1", kind: "CronJob" },
  { apiVersion: "networking.k8s.io/v1", kind: "Ingress" },
  { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler" },
  { apiVersion: "policy/v1", kind: "PodDisruptionBudget" },
  { apiVersion: "apiregistration.k8s.io/v1", kind: "APIService" },
  { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition" },
  { apiVersion: "argoproj.io/v1beta1", kind: "ArgoCD" },
  { apiVersion: "argoproj.io/v1alpha1", kind: "Application" },
  { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout" },
  { apiVersion: "argoproj.io/v1alpha1", kind: "AnalysisRun" },
  { apiVersion: "argoproj.io/v1alpha1", kind: "Workflow" },
  { apiVersion: "machineconfiguration.openshift.io/v1", kind: "MachineConfigPool" },
  { apiVersion: "k8splugin.io/v1alpha1", kind: "ResourceBundleState" },
  { apiVersion: "metrics.keptn.sh/v1", kind: "KeptnMetric" },
  { apiVersion: "cert-manager.io/v1", kind: "Certificate" },
  { apiVersion: "cert-manager.io/v1", kind: "Issuer" },
  { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer" },
  { apiVersion: "kustomize.toolkit.fluxcd.io/v1", kind: "Kustomization" },
  { apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease" },
];

/** The default list as watch entries: every namespace, every object. */
export function defaultWatchList(): WatchConfig[] {
  return DEFAULT_KINDS.map((k) => ({ ...k, namespaces: [], labelSelector: "" }));
}
