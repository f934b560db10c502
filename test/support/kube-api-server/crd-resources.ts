// A CustomResourceDefinition object, once stored, makes its resource served (and deleting it stops
// serving it), as the apiextensions server does once a CRD is established.

import type { KubeObject } from "../../../src/interpret/kube-object.ts";
import { arr, field, isRecord, str } from "../../../src/interpret/kube-object.ts";
import { defineResource, type ResourceType } from "./resource-type.ts";

export const CRD_RESOURCE = { group: "apiextensions.k8s.io", plural: "customresourcedefinitions" } as const;

export function isCrdResource(rt: Pick<ResourceType, "group" | "plural">): boolean {
  return rt.group === CRD_RESOURCE.group && rt.plural === CRD_RESOURCE.plural;
}

const strings = (value: unknown): string[] => arr(value).filter((v): v is string => typeof v === "string");

/** The resource a CRD defines, or undefined when it is too incomplete to serve anything. */
export function resourceFromCrd(crd: KubeObject): ResourceType | undefined {
  const group = str(field(crd, "spec", "group"));
  const plural = str(field(crd, "spec", "names", "plural"));
  const kind = str(field(crd, "spec", "names", "kind"));
  const versions = arr(field(crd, "spec", "versions")).filter(isRecord);
  const served = versions
    .filter((v) => v.served !== false)
    .flatMap((v) => (typeof v.name === "string" ? [v.name] : []));
  if (!group || !plural || !kind || served.length === 0) return undefined;
  const hasStatus = versions.some((v) => isRecord(field(v, "subresources", "status")));
  const singular = str(field(crd, "spec", "names", "singular"));
  return defineResource({
    group,
    versions: served,
    plural,
    kind,
    namespaced: field(crd, "spec", "scope") !== "Cluster",
    ...(singular ? { singular } : {}),
    shortNames: strings(field(crd, "spec", "names", "shortNames")),
    categories: strings(field(crd, "spec", "names", "categories")),
    subresources: hasStatus ? ["status"] : [],
  });
}
