import type { KubeMetadata, KubeObject } from "../../interpret/kube-object.ts";
import type { ObjectStatus } from "../../model/object-status.ts";
import type { ObjectIdentity, WireEvent } from "../../model/wire.ts";

/** What every event needs beyond the object: the bundle label keys (config) and the clock. */
export interface EventContext {
  labelKeys: readonly string[];
  now: () => Date;
}

const DELETED: ObjectStatus = { health: "Missing", kstatus: "NotFound", message: "deleted" };

// objectStatusSchema's limits: one status past them would get its whole batch (or snapshot) refused.
const MAX_MESSAGE = 4096;
const MAX_PHASE = 256;
const MAX_COMPONENT_VALUE = 1024;

export function upsertEvent(obj: KubeObject, status: ObjectStatus, ctx: EventContext): WireEvent {
  return eventOf("UPSERT", obj, fitToWire(status), ctx);
}

export function deleteEvent(obj: KubeObject, ctx: EventContext): WireEvent {
  return eventOf("DELETE", obj, DELETED, ctx);
}

function eventOf(
  type: WireEvent["type"],
  obj: KubeObject,
  status: ObjectStatus,
  ctx: EventContext,
): WireEvent {
  const meta = obj.metadata ?? {};
  const event: WireEvent = {
    type,
    object: identityOf(obj, meta, ctx.labelKeys),
    status,
    // Objects from an API server always carry one; "0" keeps a hand-written object valid and oldest.
    resourceVersion: meta.resourceVersion || "0",
    observedAt: ctx.now().toISOString(),
  };
  const { generation } = meta;
  if (Number.isInteger(generation) && (generation as number) >= 0) event.generation = generation;
  return event;
}

function identityOf(obj: KubeObject, meta: KubeMetadata, labelKeys: readonly string[]): ObjectIdentity {
  const identity: ObjectIdentity = {
    apiVersion: obj.apiVersion ?? "",
    kind: obj.kind ?? "",
    namespace: meta.namespace ?? "",
    name: meta.name ?? "",
  };
  if (meta.uid) identity.uid = meta.uid;
  if (labelKeys.length === 0) return identity;
  const labels = labelKeys.flatMap((key) => {
    const value = meta.labels?.[key];
    return typeof value === "string" ? [[key, value] as const] : [];
  });
  if (labels.length > 0) identity.labels = Object.fromEntries(labels);
  return identity;
}

/** The status cut to the wire's limits; the same object when nothing is too long. */
export function fitToWire(status: ObjectStatus): ObjectStatus {
  const longComponent = Object.values(status.components ?? {}).some((v) => v.length > MAX_COMPONENT_VALUE);
  if (status.message.length <= MAX_MESSAGE && (status.phase?.length ?? 0) <= MAX_PHASE && !longComponent)
    return status;
  const fitted: ObjectStatus = { ...status, message: cut(status.message, MAX_MESSAGE) };
  if (status.phase !== undefined) fitted.phase = cut(status.phase, MAX_PHASE);
  if (status.components) {
    fitted.components = Object.fromEntries(
      Object.entries(status.components).map(([k, v]) => [k, cut(v, MAX_COMPONENT_VALUE)]),
    );
  }
  return fitted;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
