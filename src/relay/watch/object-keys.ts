import type { KubeObject } from "../../interpret/kube-object.ts";
import { groupOf } from "../../interpret/kube-object.ts";
import { kindKeyOf } from "../../store/object-key.ts";

/** `group/Kind` as snapshots name kinds (core kinds bare, as the store writes them). */
export function kindKeyOfObject(obj: Pick<KubeObject, "apiVersion" | "kind">): string {
  return kindKeyOf(groupOf(obj.apiVersion), obj.kind ?? "");
}

/**
 * An object's key within its kind: `namespace/name`, or `name` when cluster-scoped. Unambiguous for
 * what an API server serves: a kind is namespaced or not, namespaces are DNS labels, and no kind's
 * names may hold "/" (path-segment names, the most permissive rule); the wire refuses the rest.
 */
export function objectKeyIn(obj: KubeObject): string {
  const namespace = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? "";
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * `group/Kind` of each apiVersion and kind seen, built once: every watch event needs its kind's key,
 * and building it means slicing the group out and joining two strings.
 */
export class KindKeys {
  readonly #byVersion = new Map<string, Map<string, string>>();

  of(apiVersion: string, kind: string): string {
    let kinds = this.#byVersion.get(apiVersion);
    if (!kinds) {
      kinds = new Map();
      this.#byVersion.set(apiVersion, kinds);
    }
    let key = kinds.get(kind);
    if (key === undefined) {
      key = kindKeyOfObject({ apiVersion, kind });
      kinds.set(kind, key);
    }
    return key;
  }
}
