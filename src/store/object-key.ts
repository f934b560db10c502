import { groupOf } from "../interpret/kube-object.ts";
import { objectKeyOf as encodedKeyOf, parseObjectKey } from "../model/object-key.ts";
import type { ObjectIdentity } from "../model/wire.ts";
import type { ObjectRef } from "./records.ts";

// The store's object keys are the contract's one escaped encoding (model/object-key.ts): a "#" or a
// newline in a name can neither split a key nor join two objects into one.

/** `{group}#{kind}#{namespace}#{name}`, each field escaped: one object, one key, whatever version it was read at. */
export function objectKeyOf(ref: ObjectRef): string {
  return encodedKeyOf(ref);
}

export function refOfIdentity(identity: ObjectIdentity): ObjectRef {
  return {
    group: groupOf(identity.apiVersion),
    kind: identity.kind,
    namespace: identity.namespace ?? "",
    name: identity.name,
  };
}

/** The object an encoded key names; undefined when it is not a key. */
export function refOfObjectKey(objectKey: string): ObjectRef | undefined {
  return parseObjectKey(objectKey);
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
