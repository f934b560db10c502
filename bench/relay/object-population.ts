import { isRecord, type KubeObject } from "../../src/interpret/kube-object.ts";
import { kindKeyOfObject } from "../../src/relay/watch/object-keys.ts";
import { allFixtures } from "../../test/support/fixtures.ts";
import { type ManagedFieldsShape, managedFields, managedFieldsShape } from "./managed-fields.ts";

// A cluster's objects made from the fixture corpus: every recorded state of a kind is a variant an
// object of that kind can be in, so a "transition" is a move to another real state, not a made-up one.

/** Share of a cluster's objects (and watch events) by kind: Pods dominate, as they do in every real cluster. */
const KIND_WEIGHTS: Record<string, number> = {
  Pod: 35,
  ReplicaSet: 10,
  Deployment: 8,
  HorizontalPodAutoscaler: 6,
  Application: 6,
  Node: 5,
  Job: 4,
  StatefulSet: 2,
  DaemonSet: 2,
  Service: 2,
};
const OTHER_KIND_WEIGHT = 0.8;

/** Status fields a controller rewrites without anything changing (probes, heartbeats, resyncs). */
const HEARTBEAT_KEYS = new Set([
  "lastHeartbeatTime",
  "lastUpdateTime",
  "lastProbeTime",
  "reconciledAt",
  "lastSyncTime",
]);

export interface Variant {
  readonly object: KubeObject;
  readonly shape: ManagedFieldsShape;
  readonly hasHeartbeat: boolean;
  readonly hasMessage: boolean;
}

/** One served kind (`apiVersion` + `kind`): what one watch streams. */
export interface KindGroup {
  /** `apiVersion/Kind`: the watch its events arrive on. */
  readonly id: string;
  readonly kindKey: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly variants: readonly Variant[];
  readonly weight: number;
}

/** One object of the population and where it stands. */
export interface Instance {
  readonly group: KindGroup;
  variant: number;
  readonly name: string;
  readonly namespace: string | undefined;
  uid: string;
  specTime: string;
  statusTime: string;
  heartbeat: string | undefined;
  messageSeq: number;
  deleted: boolean;
}

export function kindGroups(): KindGroup[] {
  const byKind = new Map<string, KubeObject[]>();
  for (const { object } of allFixtures()) {
    const key = `${object.apiVersion}/${object.kind}`;
    byKind.set(key, [...(byKind.get(key) ?? []), object]);
  }
  const versionsOfKind = new Map<string, number>();
  for (const [, [first]] of byKind)
    versionsOfKind.set(first?.kind ?? "", (versionsOfKind.get(first?.kind ?? "") ?? 0) + 1);
  return [...byKind.values()].map((objects) => {
    const first = objects[0] as KubeObject;
    const kind = first.kind ?? "";
    return {
      id: `${first.apiVersion}/${kind}`,
      kindKey: kindKeyOfObject(first),
      apiVersion: first.apiVersion ?? "",
      kind,
      namespaced: first.metadata?.namespace !== undefined,
      variants: objects.map(variantOf),
      weight: (KIND_WEIGHTS[kind] ?? OTHER_KIND_WEIGHT) / (versionsOfKind.get(kind) ?? 1),
    };
  });
}

function variantOf(object: KubeObject): Variant {
  let hasHeartbeat = false;
  let hasMessage = false;
  walk(object.status, (key, value) => {
    if (HEARTBEAT_KEYS.has(key) && typeof value === "string") hasHeartbeat = true;
    if (key === "message" && typeof value === "string") hasMessage = true;
    return undefined;
  });
  return { object, shape: managedFieldsShape(object), hasHeartbeat, hasMessage };
}

/** Visits every key of a JSON tree; a visitor's non-undefined answer replaces that value. */
function walk(value: unknown, visit: (key: string, value: unknown) => unknown): void {
  if (Array.isArray(value)) for (const item of value) walk(item, visit);
  else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      const replaced = visit(key, child);
      if (replaced !== undefined) value[key] = replaced;
      else walk(child, visit);
    }
  }
}

/** The item a uniform `r` in [0, 1) lands on, each item taking its weight's share of the range. */
export function pickWeighted<T>(items: readonly T[], weightOf: (item: T) => number, r: number): T {
  let left = r * items.reduce((sum, item) => sum + weightOf(item), 0);
  for (const item of items) {
    left -= weightOf(item);
    if (left < 0) return item;
  }
  return items[items.length - 1] as T;
}

/** A 32-bit mix of two integers (murmur3's finaliser): deterministic names, uids and choices. */
export function hash32(n: number, salt: number): number {
  let h = Math.imul(n ^ Math.imul(salt, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function uidOf(n: number, generation: number): string {
  const hex = [1, 2, 3, 4]
    .map((s) =>
      hash32(n, s + 4 * generation)
        .toString(16)
        .padStart(8, "0"),
    )
    .join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export const isoAt = (second: number) => new Date(Date.UTC(2025, 5, 1) + second * 1000).toISOString();

/** Object `n` of a cluster made of `groups`: the same `n` always gives the same object. */
export function instanceAt(groups: readonly KindGroup[], n: number): Instance {
  const group = pickWeighted(groups, (g) => g.weight, hash32(n, 11) / 2 ** 32);
  const variant = hash32(n, 12) % group.variants.length;
  const template = group.variants[variant]?.object.metadata ?? {};
  return {
    group,
    variant,
    name: `${template.name}-${n.toString(36).padStart(4, "0")}`,
    namespace: group.namespaced ? template.namespace : undefined,
    uid: uidOf(n, 0),
    specTime: isoAt(0),
    statusTime: isoAt(0),
    heartbeat: undefined,
    messageSeq: 0,
    deleted: false,
  };
}

/** The instance as the API server would serve it at `resourceVersion`. */
export function render(instance: Instance, resourceVersion: number | string): KubeObject {
  const variant = instance.group.variants[instance.variant] as Variant;
  const { object } = variant;
  let status = object.status;
  if (instance.heartbeat !== undefined || instance.messageSeq > 0) {
    status = structuredClone(status);
    walk(status, (key, value) => {
      if (instance.heartbeat !== undefined && HEARTBEAT_KEYS.has(key) && typeof value === "string")
        return instance.heartbeat;
      if (instance.messageSeq > 0 && key === "message" && typeof value === "string")
        return `${value} (seen ${instance.messageSeq} times)`;
      return undefined;
    });
  }
  const metadata: KubeObject["metadata"] = {
    ...object.metadata,
    name: instance.name,
    uid: instance.uid,
    resourceVersion: String(resourceVersion),
    managedFields: managedFields(object, variant.shape, instance.specTime, instance.statusTime),
  };
  if (instance.namespace !== undefined) metadata.namespace = instance.namespace;
  return { ...object, metadata, ...(status === undefined ? {} : { status }) };
}

/** A new object at the same name (deleted, then created again): a new uid, its first recorded state. */
export function recreate(instance: Instance, n: number, generation: number): void {
  instance.uid = uidOf(n, generation);
  instance.variant = 0;
  instance.heartbeat = undefined;
  instance.messageSeq = 0;
  instance.deleted = false;
}
