// What a real registry strategy does to an object on its way into storage
// (k8s.io/apiserver/pkg/registry/rest: BeforeCreate, BeforeUpdate, BeforeDelete), as pure functions.

import { isDeepStrictEqual } from "node:util";
import type { KubeMetadata, KubeObject } from "../../../src/interpret/kube-object.ts";
import { type ResourceType, storageApiVersion } from "./resource-type.ts";

export interface WriteClock {
  now: () => Date;
  newUid: () => string;
}

/** RFC 3339 with whole seconds, as metav1.Time marshals. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function withoutKeys<T extends object>(obj: T, keys: readonly string[]): Partial<T> {
  const copy: Record<string, unknown> = { ...(obj as Record<string, unknown>) };
  for (const key of keys) delete copy[key];
  return copy as Partial<T>;
}

/** Everything a client may not set on create or update; the server owns these. */
const SERVER_OWNED = [
  "uid",
  "creationTimestamp",
  "resourceVersion",
  "generation",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "managedFields",
];

/** Whether anything outside metadata and status differs: the change that bumps metadata.generation. */
export function specChanged(a: KubeObject, b: KubeObject): boolean {
  const ignored = ["metadata", "status", "apiVersion", "kind"];
  return !isDeepStrictEqual(withoutKeys(a, ignored), withoutKeys(b, ignored));
}

/** Whether a write would store the same bytes: etcd then skips it, so no new resourceVersion and no event. */
export function sameContent(a: KubeObject, b: KubeObject): boolean {
  return isDeepStrictEqual(
    { ...a, metadata: withoutKeys(a.metadata ?? {}, ["resourceVersion", "managedFields"]) },
    { ...b, metadata: withoutKeys(b.metadata ?? {}, ["resourceVersion", "managedFields"]) },
  );
}

function withStatus(obj: KubeObject, status: unknown): KubeObject {
  const { status: _dropped, ...rest } = obj;
  return status === undefined ? rest : { ...rest, status };
}

function typed(rt: ResourceType, obj: KubeObject): KubeObject {
  return { ...obj, apiVersion: storageApiVersion(rt), kind: rt.kind };
}

/** A POST: server-set identity, generation 1, and no status where status is a subresource. */
export function prepareCreate(rt: ResourceType, obj: KubeObject, clock: WriteClock): KubeObject {
  const meta: KubeMetadata = {
    ...withoutKeys(obj.metadata ?? {}, SERVER_OWNED),
    uid: clock.newUid(),
    creationTimestamp: timestamp(clock.now()),
    ...(rt.tracksGeneration ? { generation: 1 } : {}),
  };
  const created = typed(rt, { ...obj, metadata: meta });
  return rt.subresources.includes("status") ? withStatus(created, undefined) : created;
}

/** A PUT on the main resource: identity kept, status kept where it is a subresource, generation bumped on spec change. */
export function prepareUpdate(rt: ResourceType, existing: KubeObject, incoming: KubeObject): KubeObject {
  const kept = Object.fromEntries(
    SERVER_OWNED.filter((k) => k !== "resourceVersion" && existing.metadata?.[k] !== undefined).map((k) => [
      k,
      existing.metadata?.[k],
    ]),
  );
  let next = typed(rt, {
    ...incoming,
    metadata: { ...withoutKeys(incoming.metadata ?? {}, SERVER_OWNED), ...kept },
  });
  if (rt.subresources.includes("status")) next = withStatus(next, existing.status);
  return withGeneration(rt, existing, next);
}

/** A PUT on `/status`: only the status changes. */
export function prepareStatusUpdate(existing: KubeObject, status: unknown): KubeObject {
  return withStatus(existing, status);
}

/** Bumps metadata.generation when the spec changed, for resources whose strategy tracks it. */
export function withGeneration(rt: ResourceType, existing: KubeObject, next: KubeObject): KubeObject {
  if (!rt.tracksGeneration) return next;
  const current = existing.metadata?.generation ?? 1;
  const generation = specChanged(existing, next) ? current + 1 : current;
  return { ...next, metadata: { ...next.metadata, generation } };
}

/** A DELETE of an object with finalizers: it stays, terminating, until they are gone. */
export function markDeleting(existing: KubeObject, now: Date): KubeObject {
  const generation = existing.metadata?.generation;
  return {
    ...existing,
    metadata: {
      ...existing.metadata,
      deletionTimestamp: timestamp(now),
      deletionGracePeriodSeconds: 0,
      ...(generation !== undefined && generation > 0 ? { generation: generation + 1 } : {}),
    },
  };
}

export function hasFinalizers(obj: KubeObject): boolean {
  return (obj.metadata?.finalizers?.length ?? 0) > 0;
}

/** An update that empties the finalizers of a terminating object deletes it instead (store.go shouldDeleteDuringUpdate). */
export function shouldDeleteDuringUpdate(existing: KubeObject, next: KubeObject): boolean {
  const grace = next.metadata?.deletionGracePeriodSeconds;
  return (
    existing.metadata?.deletionTimestamp !== undefined &&
    next.metadata?.deletionTimestamp !== undefined &&
    !hasFinalizers(next) &&
    (typeof grace !== "number" || grace === 0)
  );
}
