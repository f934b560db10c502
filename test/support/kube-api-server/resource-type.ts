import { byVersionPriority } from "./version-priority.ts";

/** One served resource: the facts discovery publishes and the storage rules its registry strategy applies. */
export interface ResourceType {
  group: string;
  /** Served versions, preferred first. All share one storage, as a CRD with conversion strategy `None` does. */
  versions: string[];
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Served subresources; `status` is writable through PUT/PATCH on `…/{name}/status`. */
  subresources: string[];
  verbs: string[];
  /** Whether the strategy sets metadata.generation and bumps it when anything outside metadata and status changes. */
  tracksGeneration: boolean;
  /** False for leases: a PUT without metadata.resourceVersion is refused (leaseStrategy). */
  allowUnconditionalUpdate: boolean;
  /** True for leases: a PUT may create the object. */
  allowCreateOnUpdate: boolean;
  /**
   * Custom resources are served as unstructured objects, so their list items keep `kind` and `apiVersion`;
   * built-in lists drop them from every item.
   */
  custom: boolean;
  /** Field selector labels the resource supports beyond metadata.name and metadata.namespace. */
  fieldLabels: string[];
}

export type ResourceDefinition = Pick<ResourceType, "group" | "plural" | "kind" | "namespaced"> &
  Partial<Omit<ResourceType, "group" | "plural" | "kind" | "namespaced" | "versions">> &
  ({ version: string } | { versions: string[] });

const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

/** A resource with the defaults a custom resource gets: status subresource, generation, typed list items. */
export function defineResource(def: ResourceDefinition): ResourceType {
  const versions = byVersionPriority("versions" in def ? def.versions : [def.version]);
  if (versions.length === 0) throw new Error(`resource ${def.plural}.${def.group} serves no version`);
  return {
    group: def.group,
    versions,
    plural: def.plural,
    singular: def.singular ?? def.kind.toLowerCase(),
    kind: def.kind,
    namespaced: def.namespaced,
    shortNames: def.shortNames ?? [],
    categories: def.categories ?? [],
    subresources: def.subresources ?? ["status"],
    verbs: def.verbs ?? ALL_VERBS,
    tracksGeneration: def.tracksGeneration ?? true,
    allowUnconditionalUpdate: def.allowUnconditionalUpdate ?? true,
    allowCreateOnUpdate: def.allowCreateOnUpdate ?? false,
    custom: def.custom ?? true,
    fieldLabels: def.fieldLabels ?? [],
  };
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The storage version: every stored object carries it; other versions are rewritten on the way out. */
export function storageApiVersion(rt: ResourceType): string {
  return apiVersionOf(rt.group, rt.versions[0] ?? "");
}

/** `pods`, `deployments.apps`: unique per resource across versions. */
export function resourceId(rt: Pick<ResourceType, "group" | "plural">): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

/** Whether a test's resource name (`pods`, `leases.coordination.k8s.io`, or a Kind) names this resource. */
export function namesResource(rt: ResourceType, name: string): boolean {
  return name === rt.plural || name === resourceId(rt) || name === rt.kind;
}
