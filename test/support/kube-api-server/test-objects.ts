// Small objects for the server's own tests: shaped like real ones, but only as much as the protocol needs.

import type { KubeObject } from "../../../src/interpret/kube-object.ts";

export function pod(
  name: string,
  options: { namespace?: string; labels?: Record<string, string>; phase?: string } = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: options.namespace ?? "default", labels: options.labels ?? { app: name } },
    spec: { containers: [{ name: "app", image: "registry.k8s.io/pause:3.10" }], nodeName: "node-1" },
    status: { phase: options.phase ?? "Running" },
  };
}

export function deployment(name: string, replicas = 1, namespace = "default"): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "app", image: "nginx:1.27" }] },
      },
    },
  };
}

export function widgetCrd(
  options: { versions?: string[]; scope?: "Namespaced" | "Cluster" } = {},
): KubeObject {
  const versions = options.versions ?? ["v1"];
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com", finalizers: ["customresourcecleanup.apiextensions.k8s.io"] },
    spec: {
      group: "example.com",
      names: {
        kind: "Widget",
        listKind: "WidgetList",
        plural: "widgets",
        singular: "widget",
        shortNames: ["wd"],
      },
      scope: options.scope ?? "Namespaced",
      versions: versions.map((name, i) => ({
        name,
        served: true,
        storage: i === 0,
        schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
        subresources: { status: {} },
      })),
    },
  };
}

export function widget(name: string, namespace = "default", version = "v1"): KubeObject {
  return {
    apiVersion: `example.com/${version}`,
    kind: "Widget",
    metadata: { name, namespace },
    spec: { size: 1 },
    status: { ready: true },
  };
}
