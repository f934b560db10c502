import { groupOf, versionOf } from "../../../src/interpret/kube-object.ts";
import { namesResource, type ResourceType, resourceId } from "./resource-type.ts";
import { byVersionPriority } from "./version-priority.ts";

export interface ApiGroup {
  name: string;
  /** Preferred first. */
  versions: string[];
}

/** The resources the server serves right now; CRDs come and go at runtime. */
export class ResourceRegistry {
  private readonly byId = new Map<string, ResourceType>();
  private readonly removedListeners = new Set<(rt: ResourceType) => void>();

  constructor(initial: Iterable<ResourceType>) {
    for (const rt of initial) this.register(rt);
  }

  /** Adds a resource, or replaces the one with the same plural and group (a CRD that changed versions). */
  register(rt: ResourceType): void {
    this.byId.set(resourceId(rt), rt);
  }

  unregister(rt: Pick<ResourceType, "group" | "plural">): void {
    const existing = this.byId.get(resourceId(rt));
    if (!existing) return;
    this.byId.delete(resourceId(rt));
    for (const listener of this.removedListeners) listener(existing);
  }

  /** Called after a resource stops being served, so open watches on it can end. */
  onRemoved(listener: (rt: ResourceType) => void): void {
    this.removedListeners.add(listener);
  }

  all(): ResourceType[] {
    return [...this.byId.values()];
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    const rt = this.byId.get(resourceId({ group, plural }));
    return rt?.versions.includes(version) ? rt : undefined;
  }

  findByKind(apiVersion: string, kind: string): ResourceType | undefined {
    const group = groupOf(apiVersion);
    const version = versionOf(apiVersion);
    return this.all().find((rt) => rt.group === group && rt.kind === kind && rt.versions.includes(version));
  }

  /** A resource named the way tests name them: `pods`, `deployments.apps` or `Deployment`. */
  findByName(name: string): ResourceType | undefined {
    return this.all().find((rt) => namesResource(rt, name));
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.all()
      .filter((rt) => rt.group === group && rt.versions.includes(version))
      .sort((a, b) => a.plural.localeCompare(b.plural));
  }

  /** Named API groups (the core group is served under /api, not here), sorted by name. */
  groups(): ApiGroup[] {
    const versions = new Map<string, string[]>();
    for (const rt of this.all()) {
      if (rt.group === "") continue;
      versions.set(rt.group, [...(versions.get(rt.group) ?? []), ...rt.versions]);
    }
    return [...versions]
      .map(([name, vs]) => ({ name, versions: byVersionPriority(vs) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  coreVersions(): string[] {
    return byVersionPriority(this.all().flatMap((rt) => (rt.group === "" ? rt.versions : [])));
  }
}
