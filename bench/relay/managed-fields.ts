import { groupOf, isRecord, type KubeObject } from "../../src/interpret/kube-object.ts";
import { fieldsOf } from "../../test/support/kube-api-server/managed-fields.ts";

// Watch events carry metadata.managedFields (kubectl hides them, the watch does not), and they are
// often the larger part of an object's metadata. The bench adds them as server-side apply would
// record them: one entry for the spec's manager, one for the status subresource's.

type Fields = Record<string, unknown>;

// Who writes the status of a kind's group, as a real cluster shows it (the spec is usually kubectl or Argo CD).
const STATUS_MANAGERS: Record<string, string> = {
  "": "kube-controller-manager",
  apps: "kube-controller-manager",
  batch: "kube-controller-manager",
  autoscaling: "kube-controller-manager",
  "argoproj.io": "argocd-application-controller",
};

export interface ManagedFieldsShape {
  readonly spec: Fields;
  readonly status: Fields;
  readonly statusManager: string;
}

/** The managedFields trees of a template object; times are filled in per event. */
export function managedFieldsShape(obj: KubeObject): ManagedFieldsShape {
  const meta = obj.metadata ?? {};
  const group = groupOf(obj.apiVersion);
  return {
    spec: {
      "f:metadata": fieldsOf({ labels: meta.labels ?? {}, annotations: meta.annotations ?? {} }),
      ...(isRecord(obj.spec) ? { "f:spec": fieldsOf(obj.spec) } : {}),
    },
    status: isRecord(obj.status) ? { "f:status": fieldsOf(obj.status) } : {},
    statusManager:
      obj.kind === "Pod" ? "kubelet" : (STATUS_MANAGERS[group] ?? `${group.split(".")[0]}-controller`),
  };
}

export function managedFields(
  obj: KubeObject,
  shape: ManagedFieldsShape,
  specTime: string,
  statusTime: string,
): unknown[] {
  const entry = { apiVersion: obj.apiVersion, fieldsType: "FieldsV1", operation: "Update" };
  const entries: unknown[] = [
    { ...entry, manager: "argocd-controller", time: specTime, fieldsV1: shape.spec },
  ];
  if (Object.keys(shape.status).length > 0)
    entries.push({
      ...entry,
      manager: shape.statusManager,
      time: statusTime,
      fieldsV1: shape.status,
      subresource: "status",
    });
  return entries;
}
