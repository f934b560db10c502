import type { KubeObject } from "../../interpret/kube-object.ts";
import { groupOf } from "../../interpret/kube-object.ts";
import { kindKeyOf } from "../../store/object-key.ts";

/** `group/Kind` as snapshots name kinds (core kinds bare, as the store writes them). */
export function kindKeyOfObject(obj: Pick<KubeObject, "apiVersion" | "kind">): string {
  return kindKeyOf(groupOf(obj.apiVersion), obj.kind ?? "");
}

/** An object's key within its kind: `namespace/name`, or `name` when cluster-scoped. */
export function objectKeyIn(obj: KubeObject): string {
  const namespace = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? "";
  return namespace ? `${namespace}/${name}` : name;
}
