import { groupOf } from "../interpret/kube-object.ts";
import type { ObjectIdentity } from "../model/wire.ts";
import type { ObjectRef } from "./records.ts";

// Kubernetes group, kind, namespace and name never contain "#", so it separates key parts safely.

/** `{group}#{kind}#{namespace}#{name}`: one object, one key, whatever version it was read at. */
export function objectKeyOf(ref: ObjectRef): string {
  return `${ref.group}#${ref.kind}#${ref.namespace}#${ref.name}`;
}

export function refOfIdentity(identity: ObjectIdentity): ObjectRef {
  return {
    group: groupOf(identity.apiVersion),
    kind: identity.kind,
    namespace: identity.namespace ?? "",
    name: identity.name,
  };
}

export function refOfObjectKey(objectKey: string): ObjectRef | undefined {
  const parts = objectKey.split("#");
  if (parts.length !== 4) return undefined;
  const [group = "", kind = "", namespace = "", name = ""] = parts;
  return kind && name ? { group, kind, namespace, name } : undefined;
}

/**
 * `group/Kind` as snapshots name the kinds they cover. Core kinds have an empty group and are
 * written `Kind` (as kubectl does) or `/Kind`; both are accepted.
 */
export function kindKeyOf(group: string, kind: string): string {
  return group ? `${group}/${kind}` : kind;
}

export function parseKindKey(kindKey: string): { group: string; kind: string } {
  const slash = kindKey.lastIndexOf("/");
  return slash < 0
    ? { group: "", kind: kindKey }
    : { group: kindKey.slice(0, slash), kind: kindKey.slice(slash + 1) };
}
