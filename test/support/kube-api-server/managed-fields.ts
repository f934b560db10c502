import type { KubeObject } from "../../../src/interpret/kube-object.ts";
import { isRecord } from "../../../src/interpret/kube-object.ts";

// metadata.managedFields as a real server records them on every write (server-side field tracking):
// one entry per manager and subresource, with the fields it last wrote as FieldsV1 and the time. Watch
// events carry them, so a client under test meets the same bytes as on a real cluster, where they are
// often half of each event.

type Fields = Record<string, unknown>;

/** FieldsV1 of a value: `f:` per key, lists of named or typed items as `k:{…}`, atomic lists whole. */
export function fieldsOf(value: unknown): Fields {
  if (Array.isArray(value)) {
    const keyed: Fields = { ".": {} };
    for (const item of value) {
      const key = isRecord(item) ? ["type", "name"].find((k) => typeof item[k] === "string") : undefined;
      if (!key || !isRecord(item)) return {};
      keyed[`k:${JSON.stringify({ [key]: item[key] })}`] = { ".": {}, ...fieldsOf(item) };
    }
    return keyed;
  }
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [`f:${k}`, fieldsOf(v)]));
}

export interface FieldWrite {
  /** `status` for a write of the status subresource; the main resource otherwise. */
  subresource?: string | undefined;
  /** RFC 3339 time of the write. */
  time: string;
}

/** Who writes what, as on a cluster: clients (kubectl, Argo CD) the object, controllers its status. */
const managerOf = (subresource: string | undefined) =>
  subresource === "status" ? "kube-controller-manager" : "kubectl-client-side-apply";

/** `next` with its managedFields updated for a write of `write.subresource` (other managers' entries kept). */
export function withManagedFields(
  existing: KubeObject | undefined,
  next: KubeObject,
  write: FieldWrite,
): KubeObject {
  const manager = managerOf(write.subresource);
  const meta = next.metadata ?? {};
  const written =
    write.subresource === "status"
      ? { "f:status": fieldsOf(next.status) }
      : {
          "f:metadata": fieldsOf({ labels: meta.labels ?? {}, annotations: meta.annotations ?? {} }),
          ...(isRecord(next.spec) ? { "f:spec": fieldsOf(next.spec) } : {}),
          ...(isRecord(next.status) && !existing ? { "f:status": fieldsOf(next.status) } : {}),
        };
  const entry = {
    manager,
    operation: "Update",
    apiVersion: next.apiVersion,
    time: write.time,
    fieldsType: "FieldsV1",
    fieldsV1: written,
    ...(write.subresource ? { subresource: write.subresource } : {}),
  };
  const previous = Array.isArray(existing?.metadata?.managedFields) ? existing.metadata.managedFields : [];
  const others = previous.filter(
    (e) => !(isRecord(e) && e.manager === manager && e.subresource === write.subresource),
  );
  return { ...next, metadata: { ...meta, managedFields: [...others, entry] } };
}
