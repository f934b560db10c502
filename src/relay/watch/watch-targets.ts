import type { Config, WatchConfig } from "../../config/schema.ts";
import { groupOf } from "../../interpret/kube-object.ts";
import { kindKeyOf } from "../../store/object-key.ts";
import { defaultWatchList } from "./default-kinds.ts";
import type { ApiResource } from "./discovery.ts";
import type { Scope } from "./scope-watch.ts";

/** One kind to list and watch, from every config entry that names it. */
export interface WatchTarget {
  apiVersion: string;
  kind: string;
  /** Namespaces (empty: all; ignored for cluster-scoped kinds) and label selector of each entry. */
  entries: readonly { namespaces: readonly string[]; labelSelector: string }[];
}

/**
 * The kinds a config watches, by `group/Kind`. Entries naming the same group and kind become one
 * target (the first entry's version wins): a snapshot covers a whole kind, so one kind has one watcher.
 * Without a `watch` list: every built-in kind, plus every kind a config rule describes, since a rule
 * for a kind nobody watches would do nothing.
 */
export function watchTargets(config: Pick<Config, "watch" | "rules">): Map<string, WatchTarget> {
  const entries: WatchConfig[] = config.watch ?? [
    ...defaultWatchList(),
    ...config.rules.map((r) => ({
      apiVersion: r.apiVersion,
      kind: r.kind,
      namespaces: [],
      labelSelector: "",
    })),
  ];
  const targets = new Map<string, WatchTarget>();
  for (const entry of entries) {
    const key = kindKeyOf(groupOf(entry.apiVersion), entry.kind);
    const scope = { namespaces: entry.namespaces, labelSelector: entry.labelSelector };
    const target = targets.get(key);
    if (target) targets.set(key, { ...target, entries: [...target.entries, scope] });
    else targets.set(key, { apiVersion: entry.apiVersion, kind: entry.kind, entries: [scope] });
  }
  return targets;
}

/**
 * Kinds whose status reading changed between two configs: a rule of their group and kind, or a metric
 * family of their kind, was added, removed or changed. Those are listed again to read every object anew.
 */
export function kindsReadDifferently(
  before: Pick<Config, "rules" | "metrics">,
  after: Pick<Config, "rules" | "metrics">,
  targets: ReadonlyMap<string, WatchTarget>,
): Set<string> {
  const rulesBefore = byKey(before.rules, (r) => kindKeyOf(groupOf(r.apiVersion), r.kind));
  const rulesAfter = byKey(after.rules, (r) => kindKeyOf(groupOf(r.apiVersion), r.kind));
  const familiesBefore = byKey(before.metrics, (f) => f.kind);
  const familiesAfter = byKey(after.metrics, (f) => f.kind);
  const changed = new Set<string>();
  for (const [key, target] of targets) {
    if (rulesBefore.get(key) !== rulesAfter.get(key)) changed.add(key);
    if (familiesBefore.get(target.kind) !== familiesAfter.get(target.kind)) changed.add(key);
  }
  return changed;
}

/** Items grouped by key, each group as JSON, so two configs' groups compare as strings. */
function byKey<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, string> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return new Map([...groups].map(([key, group]) => [key, JSON.stringify(group)]));
}

/** The list/watch streams of a kind: one per namespace named (all, if none), per label selector. */
export function scopesOf(target: WatchTarget, resource: Pick<ApiResource, "namespaced">): Scope[] {
  const scopes = new Map<string, Scope>();
  for (const entry of target.entries) {
    const namespaces = resource.namespaced && entry.namespaces.length > 0 ? entry.namespaces : [undefined];
    for (const namespace of namespaces)
      scopes.set(`${namespace ?? ""}\u0000${entry.labelSelector}`, {
        namespace,
        labelSelector: entry.labelSelector,
      });
  }
  return [...scopes.values()];
}
