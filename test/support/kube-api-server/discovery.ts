// Legacy (unaggregated) discovery documents: what `kubectl api-resources` and client-node's
// KubernetesObjectApi read to map a kind to its path. Served for any Accept header, as a real server
// falls back to them when the client does not ask for aggregated discovery.

import type { ApiGroup, ResourceRegistry } from "./resource-registry.ts";
import { apiVersionOf } from "./resource-type.ts";

function groupVersion(group: string, version: string) {
  return { groupVersion: apiVersionOf(group, version), version };
}

function apiGroup(g: ApiGroup) {
  const preferred = g.versions[0] ?? "";
  return {
    name: g.name,
    versions: g.versions.map((v) => groupVersion(g.name, v)),
    preferredVersion: groupVersion(g.name, preferred),
  };
}

/** GET /api */
export function apiVersions(registry: ResourceRegistry, serverAddress: string) {
  return {
    kind: "APIVersions",
    versions: registry.coreVersions(),
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

/** GET /apis */
export function apiGroupList(registry: ResourceRegistry) {
  return { kind: "APIGroupList", apiVersion: "v1", groups: registry.groups().map(apiGroup) };
}

/** GET /apis/{group}, or undefined when no resource is served in it. */
export function apiGroupDocument(registry: ResourceRegistry, name: string) {
  const g = registry.groups().find((candidate) => candidate.name === name);
  return g ? { kind: "APIGroup", apiVersion: "v1", ...apiGroup(g) } : undefined;
}

/** GET /api/{version} or /apis/{group}/{version}, or undefined when that group version is not served. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string) {
  const types = registry.inGroupVersion(group, version);
  if (types.length === 0) return undefined;
  const resources = types.flatMap((rt) => [
    {
      name: rt.plural,
      singularName: rt.singular,
      namespaced: rt.namespaced,
      kind: rt.kind,
      verbs: rt.verbs,
      ...(rt.shortNames.length > 0 ? { shortNames: rt.shortNames } : {}),
      ...(rt.categories.length > 0 ? { categories: rt.categories } : {}),
    },
    ...rt.subresources.map((sub) => ({
      name: `${rt.plural}/${sub}`,
      singularName: "",
      namespaced: rt.namespaced,
      kind: rt.kind,
      verbs: ["get", "patch", "update"],
    })),
  ]);
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: apiVersionOf(group, version), resources };
}
