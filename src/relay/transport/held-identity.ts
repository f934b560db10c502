import type { ObjectIdentity, WireEvent } from "../../model/wire.ts";

/** An object's identity as its held statuses share it, with its encoded size. */
export interface IdentityRef {
  readonly identity: ObjectIdentity;
  readonly bytes: number;
}

export function identityRef(event: WireEvent): IdentityRef {
  return { identity: event.object, bytes: Buffer.byteLength(JSON.stringify(event.object)) };
}

/** Whether two events name the object the same way (version, uid and labels included). */
export function sameIdentity(a: ObjectIdentity, b: ObjectIdentity): boolean {
  if (a === b) return true;
  if (a.apiVersion !== b.apiVersion || a.uid !== b.uid || a.kind !== b.kind) return false;
  if (a.namespace !== b.namespace || a.name !== b.name) return false;
  const x = a.labels;
  const y = b.labels;
  if (x === y) return true;
  if (!x || !y) return false;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((key) => x[key] === y[key]);
}
