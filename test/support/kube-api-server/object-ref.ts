import type { KubeObject } from "../../../src/interpret/kube-object.ts";
import type { ResourceRegistry } from "./resource-registry.ts";
import type { ResourceType } from "./resource-type.ts";

/** An object by identity; any stored or fixture object also works as its own reference. */
export type ObjectRef = { apiVersion: string; kind: string; namespace?: string; name: string } | KubeObject;

export interface ResolvedRef {
  rt: ResourceType;
  namespace: string | undefined;
  name: string;
}

/** The served resource of a kind; a test naming an unserved kind gets told how to serve it. */
export function resourceOfKind(registry: ResourceRegistry, apiVersion: string, kind: string): ResourceType {
  const rt = registry.findByKind(apiVersion, kind);
  if (!rt)
    throw new Error(
      `${apiVersion} ${kind} is not served; register it with registerResource() or apply its CRD`,
    );
  return rt;
}

/** Resource, namespace (default "default", as kubectl assumes) and name of a reference. */
export function resolveRef(registry: ResourceRegistry, ref: ObjectRef): ResolvedRef {
  const meta = (ref as KubeObject).metadata;
  const plain = ref as { name?: unknown; namespace?: unknown };
  const rt = resourceOfKind(registry, String(ref.apiVersion ?? ""), String(ref.kind ?? ""));
  const name = String(meta?.name ?? plain.name ?? "");
  if (name === "") throw new Error(`object reference without a name: ${JSON.stringify(ref)}`);
  const namespace = rt.namespaced ? String(meta?.namespace ?? plain.namespace ?? "default") : undefined;
  return { rt, namespace, name };
}
