import type { ObjectStatus } from "../../model/object-status.ts";
import type { EventBatch, ObjectIdentity, Snapshot, WireEvent } from "../../model/wire.ts";

// Builders for store tests and the bench: batches shaped as the relay sends them.

export const BASE_TIME = Date.parse("2025-03-01T10:00:00Z");

export const HEALTHY: ObjectStatus = { health: "Healthy", kstatus: "Current", message: "" };
export const PROGRESSING: ObjectStatus = {
  health: "Progressing",
  kstatus: "InProgress",
  message: "Waiting for rollout to finish: 1 of 3 updated replicas are available...",
};
export const DEGRADED: ObjectStatus = {
  health: "Degraded",
  kstatus: "Failed",
  message: 'Deployment "web" exceeded its progress deadline',
};

export interface EventOptions {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  observedAt?: string;
  labels?: Record<string, string>;
  uid?: string;
}

/** observedAt defaults to one second per resourceVersion after BASE_TIME, so both orders agree. */
export function upsert(
  name: string,
  rv: number | string,
  status: ObjectStatus,
  options: EventOptions = {},
): WireEvent {
  const object: ObjectIdentity = {
    apiVersion: options.apiVersion ?? "apps/v1",
    kind: options.kind ?? "Deployment",
    namespace: options.namespace ?? "default",
    name,
  };
  if (options.labels) object.labels = options.labels;
  if (options.uid) object.uid = options.uid;
  return {
    type: "UPSERT",
    object,
    status,
    resourceVersion: String(rv),
    observedAt: options.observedAt ?? new Date(BASE_TIME + Number(rv) * 1000).toISOString(),
  };
}

export function deleted(name: string, rv: number | string, options: EventOptions = {}): WireEvent {
  return {
    ...upsert(name, rv, { health: "Missing", kstatus: "NotFound", message: "" }, options),
    type: "DELETE",
  };
}

export function delta(events: WireEvent[], seq = 1): EventBatch {
  return { relay: { version: "0.1.0", epoch: 1, seq }, mode: "delta", configRevision: "", events };
}

export function snapshotPart(events: WireEvent[], snapshot: Snapshot, seq = 1): EventBatch {
  return {
    relay: { version: "0.1.0", epoch: 1, seq },
    mode: "snapshot",
    snapshot,
    configRevision: "",
    events,
  };
}

export const at = (seconds: number): Date => new Date(BASE_TIME + seconds * 1000);
