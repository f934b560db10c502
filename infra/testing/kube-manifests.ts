import type { KubeManifest } from "./kustomize.ts";
import { find } from "./kustomize.ts";

// Typed views of the rendered relay manifests, for the tests that read them.

export interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export interface Container {
  image: string;
  command: string[];
  env: unknown[];
  ports: unknown[];
  livenessProbe: { httpGet: unknown };
  readinessProbe: { httpGet: unknown };
  securityContext: unknown;
  resources: Record<string, unknown>;
  volumeMounts: { name: string }[];
}

interface Deployment {
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: {
      spec: {
        securityContext: { runAsUser: number };
        containers: Container[];
        volumes: { name: string; secret?: { secretName: string; items: unknown[] } }[];
      };
    };
  };
}

export const rulesOf = (m: KubeManifest): Rule[] => m.rules as Rule[];

/** The resource name RBAC uses for a kind: lower-case plural (Ingress → ingresses). */
export const plural = (kind: string): string =>
  `${kind.toLowerCase()}${kind.toLowerCase().endsWith("s") ? "es" : "s"}`;

export const groupOf = (apiVersion: string): string =>
  apiVersion.includes("/") ? (apiVersion.split("/")[0] ?? "") : "";

export const allows = (rules: Rule[], group: string, resource: string, verb: string): boolean =>
  rules.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));

export const relayDeployment = (manifests: KubeManifest[]): Deployment =>
  find(manifests, "Deployment", "status-recorder-relay") as unknown as Deployment;

export const relayPod = (manifests: KubeManifest[]) => relayDeployment(manifests).spec.template.spec;

export function relayContainer(manifests: KubeManifest[]): Container {
  const [container] = relayPod(manifests).containers;
  if (!container) throw new Error("the Deployment has no container");
  return container;
}

/** A rendered object's `spec`, typed as the test expects it. */
export const specOf = <T>(manifest: KubeManifest): T => (manifest as unknown as { spec: T }).spec;
