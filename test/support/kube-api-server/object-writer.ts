import type { KubeObject } from "../../../src/interpret/kube-object.ts";
import { CRD_RESOURCE, isCrdResource, resourceFromCrd } from "./crd-resources.ts";
import { withManagedFields } from "./managed-fields.ts";
import { type ObjectStore, objectKey } from "./object-store.ts";
import type { ResourceRegistry } from "./resource-registry.ts";
import { type ResourceType, resourceId, storageApiVersion } from "./resource-type.ts";
import { StatusError, statuses } from "./status.ts";
import {
  hasFinalizers,
  markDeleting,
  prepareCreate,
  prepareStatusUpdate,
  prepareUpdate,
  sameContent,
  shouldDeleteDuringUpdate,
  timestamp,
  type WriteClock,
  withGeneration,
} from "./write-rules.ts";

/** The finalizer the apiextensions server itself removes once a CRD's custom resources are gone. */
const CRD_CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

/**
 * Every write verb, with a real server's rules: preconditions, server-owned metadata, finalizers,
 * writes that change nothing being skipped, and CRDs turning their resources on and off.
 */
export class ObjectWriter {
  constructor(
    private readonly store: ObjectStore,
    private readonly registry: ResourceRegistry,
    private readonly clock: WriteClock,
  ) {}

  get(rt: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(resourceId(rt), objectKey(rt.namespaced ? namespace : undefined, name));
  }

  /** POST: refused when the name is taken. */
  create(rt: ResourceType, namespace: string | undefined, body: KubeObject): KubeObject {
    const meta = body.metadata ?? {};
    if (rt.namespaced && meta.namespace && namespace && meta.namespace !== namespace)
      throw new StatusError(
        statuses.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request",
        ),
      );
    const generated = !meta.name && meta.generateName ? `${meta.generateName}${randomSuffix()}` : undefined;
    const name = meta.name || generated;
    if (!name)
      throw new StatusError(
        statuses.invalid(rt, "", "metadata.name", "", "name or generateName is required"),
      );
    const ns = rt.namespaced ? (namespace ?? meta.namespace ?? "default") : undefined;
    if (this.get(rt, ns, name)) throw new StatusError(statuses.alreadyExists(rt, name));
    const { namespace: _ignored, ...rest } = meta;
    const metadata = { ...rest, name, ...(ns ? { namespace: ns } : {}) };
    return this.write(
      rt,
      objectKey(ns, name),
      undefined,
      prepareCreate(rt, { ...body, metadata }, this.clock),
    );
  }

  /** PUT, on the object or its `status` subresource: `metadata.resourceVersion` is a precondition. */
  replace(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    subresource?: string,
  ): KubeObject {
    if (body.metadata?.name && body.metadata.name !== name)
      throw new StatusError(
        statuses.badRequest(
          `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
        ),
      );
    const ns = rt.namespaced ? namespace : undefined;
    const existing = this.get(rt, ns, name);
    if (!existing) {
      if (subresource || !rt.allowCreateOnUpdate) throw new StatusError(statuses.notFound(rt, name));
      return this.create(rt, ns, { ...body, metadata: { ...body.metadata, name } });
    }
    const rv = body.metadata?.resourceVersion;
    if (!rv && !rt.allowUnconditionalUpdate)
      throw new StatusError(
        statuses.invalid(rt, name, "metadata.resourceVersion", "", "must be specified for an update"),
      );
    if (rv && rv !== existing.metadata?.resourceVersion) throw new StatusError(statuses.conflict(rt, name));
    const next =
      subresource === "status"
        ? prepareStatusUpdate(existing, body.status)
        : prepareUpdate(rt, existing, body);
    return this.write(rt, objectKey(ns, name), existing, next, subresource);
  }

  /** PATCH: `patched` turns the current object into the wanted one; a resourceVersion it sets is a precondition. */
  patch(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    patched: (current: KubeObject) => KubeObject,
    subresource?: string,
  ): KubeObject {
    const ns = rt.namespaced ? namespace : undefined;
    const existing = this.get(rt, ns, name);
    if (!existing) throw new StatusError(statuses.notFound(rt, name));
    const wanted = patched(structuredClone(existing));
    const rv = wanted.metadata?.resourceVersion;
    if (rv && rv !== existing.metadata?.resourceVersion) throw new StatusError(statuses.conflict(rt, name));
    const next =
      subresource === "status"
        ? prepareStatusUpdate(existing, wanted.status)
        : prepareUpdate(rt, existing, wanted);
    return this.write(rt, objectKey(ns, name), existing, next, subresource);
  }

  /** DELETE: immediate without finalizers; otherwise the object turns terminating (MODIFIED) until they are removed. */
  delete(rt: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const ns = rt.namespaced ? namespace : undefined;
    const key = objectKey(ns, name);
    const existing = this.get(rt, ns, name);
    if (!existing) throw new StatusError(statuses.notFound(rt, name));
    if (!hasFinalizers(existing)) return this.remove(rt, key, existing);
    const terminating = existing.metadata?.deletionTimestamp
      ? existing
      : this.write(rt, key, existing, markDeleting(existing, this.clock.now()));
    if (isCrdResource(rt) && terminating.metadata?.finalizers?.includes(CRD_CLEANUP_FINALIZER)) {
      this.removeCustomResources(terminating);
      const finalizers = terminating.metadata.finalizers.filter((f) => f !== CRD_CLEANUP_FINALIZER);
      return this.write(rt, key, terminating, {
        ...terminating,
        metadata: { ...terminating.metadata, finalizers },
      });
    }
    return terminating;
  }

  /**
   * A direct storage write for tests: upserts the whole object, status included, keeping the metadata the
   * caller gives (a fixture's uid, generation, timestamps) and filling in what it lacks.
   */
  put(rt: ResourceType, obj: KubeObject): KubeObject {
    const ns = rt.namespaced ? (obj.metadata?.namespace ?? "default") : undefined;
    const name = obj.metadata?.name;
    if (!name) throw new Error(`cannot store a ${rt.kind} without metadata.name`);
    const existing = this.get(rt, ns, name);
    const given = obj.metadata ?? {};
    const { namespace: _ns, resourceVersion: _rv, ...meta } = given;
    const base = {
      ...obj,
      apiVersion: storageApiVersion(rt),
      kind: rt.kind,
      metadata: {
        ...meta,
        name,
        ...(ns ? { namespace: ns } : {}),
        uid: given.uid ?? existing?.metadata?.uid ?? this.clock.newUid(),
        creationTimestamp:
          (given.creationTimestamp as string | undefined) ??
          existing?.metadata?.creationTimestamp ??
          timestamp(this.clock.now()),
      },
    };
    let next: KubeObject = base;
    if (given.generation === undefined && rt.tracksGeneration)
      next = existing
        ? withGeneration(rt, existing, base)
        : { ...base, metadata: { ...base.metadata, generation: 1 } };
    return this.write(rt, objectKey(ns, name), existing, next);
  }

  private write(
    rt: ResourceType,
    key: string,
    existing: KubeObject | undefined,
    next: KubeObject,
    subresource?: string,
  ): KubeObject {
    if (existing && sameContent(existing, next)) return existing;
    if (existing && shouldDeleteDuringUpdate(existing, next)) return this.remove(rt, key, existing);
    const time = timestamp(this.clock.now());
    const recorded = withManagedFields(existing, next, { subresource, time });
    const event = this.store.commit(resourceId(rt), key, recorded);
    if (event && isCrdResource(rt)) {
      const defined = resourceFromCrd(event.object);
      if (defined) this.registry.register(defined);
    }
    return event?.object ?? recorded;
  }

  /** Deletes for good. A DELETED event carries the last stored state, as etcd's watch reports it. */
  private remove(rt: ResourceType, key: string, existing: KubeObject): KubeObject {
    if (isCrdResource(rt)) this.removeCustomResources(existing);
    const event = this.store.commit(resourceId(rt), key, undefined);
    const defined = isCrdResource(rt) ? resourceFromCrd(existing) : undefined;
    if (defined) this.registry.unregister(defined);
    return event?.object ?? existing;
  }

  private removeCustomResources(crd: KubeObject): void {
    const defined = resourceFromCrd(crd);
    if (!defined || resourceId(defined) === resourceId(CRD_RESOURCE)) return;
    for (const [key] of this.store.entries(resourceId(defined)))
      this.store.commit(resourceId(defined), key, undefined);
  }
}

function randomSuffix(): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  return Array.from({ length: 5 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");
}
