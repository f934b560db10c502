import { defineResource, type ResourceType } from "./resource-type.ts";

// The kinds the relay watches by default, plus leases for its leader election, as a real 1.3x API server
// registers them: group, versions (preferred first), plural, scope, short names, and the strategy facts
// that change what clients see (generation tracking, lease update rules).

const builtIn = { custom: false } as const;
const noGeneration = { ...builtIn, tracksGeneration: false } as const;

export const BUILT_IN_RESOURCES: readonly ResourceType[] = [
  // core/v1
  defineResource({
    ...noGeneration,
    group: "",
    version: "v1",
    plural: "pods",
    kind: "Pod",
    namespaced: true,
    shortNames: ["po"],
    categories: ["all"],
    fieldLabels: [
      "spec.nodeName",
      "spec.restartPolicy",
      "spec.schedulerName",
      "spec.serviceAccountName",
      "status.phase",
      "status.podIP",
      "status.nominatedNodeName",
    ],
  }),
  defineResource({
    ...noGeneration,
    group: "",
    version: "v1",
    plural: "persistentvolumeclaims",
    kind: "PersistentVolumeClaim",
    namespaced: true,
    shortNames: ["pvc"],
  }),
  defineResource({
    ...noGeneration,
    group: "",
    version: "v1",
    plural: "services",
    kind: "Service",
    namespaced: true,
    shortNames: ["svc"],
    categories: ["all"],
  }),
  defineResource({
    ...noGeneration,
    group: "",
    version: "v1",
    plural: "nodes",
    kind: "Node",
    namespaced: false,
    shortNames: ["no"],
    fieldLabels: ["spec.unschedulable"],
  }),
  defineResource({
    ...noGeneration,
    group: "",
    version: "v1",
    plural: "namespaces",
    kind: "Namespace",
    namespaced: false,
    shortNames: ["ns"],
    fieldLabels: ["status.phase"],
  }),
  // apps/v1
  ...(
    [
      ["deployments", "Deployment", "deploy"],
      ["statefulsets", "StatefulSet", "sts"],
      ["daemonsets", "DaemonSet", "ds"],
      ["replicasets", "ReplicaSet", "rs"],
    ] as const
  ).map(([plural, kind, short]) =>
    defineResource({
      ...builtIn,
      group: "apps",
      version: "v1",
      plural,
      kind,
      namespaced: true,
      shortNames: [short],
      categories: ["all"],
    }),
  ),
  // batch/v1
  defineResource({
    ...builtIn,
    group: "batch",
    version: "v1",
    plural: "jobs",
    kind: "Job",
    namespaced: true,
    categories: ["all"],
    fieldLabels: ["status.successful"],
  }),
  defineResource({
    ...builtIn,
    group: "batch",
    version: "v1",
    plural: "cronjobs",
    kind: "CronJob",
    namespaced: true,
    shortNames: ["cj"],
    categories: ["all"],
  }),
  defineResource({
    ...builtIn,
    group: "networking.k8s.io",
    version: "v1",
    plural: "ingresses",
    kind: "Ingress",
    namespaced: true,
    shortNames: ["ing"],
  }),
  defineResource({
    ...builtIn,
    group: "autoscaling",
    versions: ["v2", "v1"],
    plural: "horizontalpodautoscalers",
    kind: "HorizontalPodAutoscaler",
    namespaced: true,
    shortNames: ["hpa"],
    categories: ["all"],
  }),
  defineResource({
    ...builtIn,
    group: "policy",
    version: "v1",
    plural: "poddisruptionbudgets",
    kind: "PodDisruptionBudget",
    namespaced: true,
    shortNames: ["pdb"],
  }),
  defineResource({
    ...noGeneration,
    group: "apiregistration.k8s.io",
    version: "v1",
    plural: "apiservices",
    kind: "APIService",
    namespaced: false,
    categories: ["api-extensions"],
  }),
  defineResource({
    ...builtIn,
    group: "apiextensions.k8s.io",
    version: "v1",
    plural: "customresourcedefinitions",
    kind: "CustomResourceDefinition",
    namespaced: false,
    shortNames: ["crd", "crds"],
    categories: ["api-extensions"],
  }),
  defineResource({
    ...noGeneration,
    group: "coordination.k8s.io",
    version: "v1",
    plural: "leases",
    kind: "Lease",
    namespaced: true,
    subresources: [],
    allowUnconditionalUpdate: false,
    allowCreateOnUpdate: true,
  }),
];
