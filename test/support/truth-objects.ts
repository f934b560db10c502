import type { KubeObject } from "../../src/interpret/kube-object.ts";

// Objects for the truth-over-time tests: real shapes, with statuses that interpret as named.

/** Keptn's KeptnMetric CRD as the operator installs it (only what the test server needs). */
export function keptnMetricCrd(): KubeObject {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "keptnmetrics.metrics.keptn.sh" },
    spec: {
      group: "metrics.keptn.sh",
      names: {
        kind: "KeptnMetric",
        listKind: "KeptnMetricList",
        plural: "keptnmetrics",
        singular: "keptnmetric",
      },
      scope: "Namespaced",
      versions: [
        {
          name: "v1",
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
          subresources: { status: {} },
        },
      ],
    },
  };
}

/** A KeptnMetric whose provider last answered `value` (Keptn keeps it as a string). */
export function keptnMetric(name: string, value: string, namespace = "shop"): KubeObject {
  return {
    apiVersion: "metrics.keptn.sh/v1",
    kind: "KeptnMetric",
    metadata: { name, namespace },
    spec: {
      provider: { name: "prometheus" },
      query: "sum(rate(http_requests_total[1m]))",
      fetchIntervalSeconds: 10,
    },
    status: { value, rawValue: btoa(value), lastUpdated: "2026-12-02T07:00:00Z" },
  };
}

/** A one-replica Deployment's status: all available (Healthy) or its replica not yet available (Progressing). */
export function deploymentStatus(available: boolean, generation = 1): Record<string, unknown> {
  return {
    observedGeneration: generation,
    replicas: 1,
    updatedReplicas: 1,
    readyReplicas: available ? 1 : 0,
    availableReplicas: available ? 1 : 0,
    ...(available ? {} : { unavailableReplicas: 1 }),
    conditions: [
      {
        type: "Available",
        status: available ? "True" : "False",
        reason: available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
      },
      { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable" },
    ],
  };
}
