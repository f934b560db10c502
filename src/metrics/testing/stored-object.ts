import { groupOf, type KubeObject } from "../../interpret/kube-object.ts";
import type { ObjectStatus } from "../../model/object-status.ts";
import { objectKeyOf } from "../../store/object-key.ts";
import type { ClusterRecord, StoredObject } from "../../store/records.ts";

export interface StoredOptions {
  cluster?: string;
  namespace?: string;
  lastTransitionAt?: string;
  transitions?: number;
}

/** A stored record as the store hands it out, for tests and benchmarks of the read side. */
export function storedObject(
  apiVersion: string,
  kind: string,
  name: string,
  status: Partial<ObjectStatus> = {},
  options: StoredOptions = {},
): StoredObject {
  const ref = { group: groupOf(apiVersion), kind, namespace: options.namespace ?? "", name };
  const at = options.lastTransitionAt ?? "2025-03-01T10:00:00.000Z";
  return {
    ...ref,
    cluster: options.cluster ?? "prod-eu",
    objectKey: objectKeyOf(ref),
    apiVersion,
    status: { health: "Healthy", kstatus: "Current", message: "", ...status },
    resourceVersion: "1",
    observedAt: at,
    lastTransitionAt: at,
    transitions: options.transitions ?? 1,
    updatedAt: at,
  };
}

export function clusterRecord(name: string, lastSeen?: string): ClusterRecord {
  return {
    name,
    createdAt: "2025-01-01T00:00:00.000Z",
    configRevision: "r1",
    ...(lastSeen === undefined ? {} : { lastSeen }),
  };
}

/** The record the store would hold for a Kubernetes object after the relay interpreted it. */
export function storedFromObject(
  object: KubeObject,
  status: ObjectStatus,
  options: StoredOptions = {},
): StoredObject {
  const { apiVersion = "", kind = "", metadata = {} } = object;
  return storedObject(apiVersion, kind, metadata.name ?? "", status, {
    ...options,
    namespace: options.namespace ?? metadata.namespace ?? "",
  });
}
