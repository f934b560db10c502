import { groupOf } from "../interpret/kube-object.ts";
import type { ObjectIdentity } from "./wire.ts";

// One object key encoding for every part (DESIGN.md "Wire protocol": no field can contain the
// separator). Some kinds' names are only path segments (RBAC roles and bindings: anything but "/"
// and "%", so "#", newlines and other characters a joined key would confuse), so each field is
// percent-escaped where it holds "%", "#" or a control character. Valid groups, kinds and namespaces never do, and neither do most names, so their keys
// read as plain `{group}#{kind}#{namespace}#{name}` (and keys stored before this encoding stay valid).

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes
const ESCAPED = /[%#\u0000-\u001f\u007f]/g;
const ESCAPE_SEQUENCE = /%([0-9A-F]{2})/g;

/** One key field, with "%", "#" and control characters written `%XX`. */
export function encodeKeyPart(field: string): string {
  return field.replace(ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** The inverse of `encodeKeyPart`. */
export function decodeKeyPart(part: string): string {
  return part.replace(ESCAPE_SEQUENCE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

export interface KeyFields {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** `{group}#{kind}#{namespace}#{name}`, each field escaped: one object, one key, whatever version it was read at. */
export function objectKeyOf(ref: KeyFields): string {
  return `${encodeKeyPart(ref.group)}#${encodeKeyPart(ref.kind)}#${encodeKeyPart(ref.namespace)}#${encodeKeyPart(ref.name)}`;
}

/** The fields of an object key; undefined when it is not one. */
export function parseObjectKey(objectKey: string): KeyFields | undefined {
  const parts = objectKey.split("#");
  if (parts.length !== 4) return undefined;
  const [group = "", kind = "", namespace = "", name = ""] = parts.map(decodeKeyPart);
  return kind && name ? { group, kind, namespace, name } : undefined;
}

/** The key of the object an event names. */
export function identityKeyOf(
  identity: Pick<ObjectIdentity, "apiVersion" | "kind" | "namespace" | "name">,
): string {
  return objectKeyOf({
    group: groupOf(identity.apiVersion),
    kind: identity.kind,
    namespace: identity.namespace ?? "",
    name: identity.name,
  });
}
