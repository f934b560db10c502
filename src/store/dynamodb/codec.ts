import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { ObjectStatus } from "../../model/object-status.ts";
import type { StoredObject, Transition } from "../records.ts";
import { bundlePk, bundleSk, currentKey, currentPk, historyPk, historySk } from "./keys.ts";

export type Item = Record<string, AttributeValue>;

export const S = (value: string): AttributeValue => ({ S: value });
export const N = (value: number): AttributeValue => ({ N: String(value) });

export const str = (item: Item, name: string): string | undefined => item[name]?.S;
export const num = (item: Item, name: string): number | undefined => {
  const value = item[name]?.N;
  return value === undefined ? undefined : Number(value);
};

/** Drops undefined attributes: DynamoDB has no "undefined", and absent reads back as absent. */
function compact(item: Record<string, AttributeValue | undefined>): Item {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as Item;
}

const stringMap = (record: Record<string, string> | undefined): AttributeValue | undefined =>
  record && Object.keys(record).length > 0
    ? { M: Object.fromEntries(Object.entries(record).map(([k, v]) => [k, S(v)])) }
    : undefined;

/**
 * DynamoDB numbers span 1e-130 to under 1e126 in magnitude; JSON's reach 1.8e308. A status value
 * outside that range (a KeptnMetric reading 1e300) is stored as a string attribute holding the
 * shortest decimal of the number: the attribute type is the marker, and it reads back as the same
 * JS number, so history, /metrics and the KeptnMetric endpoint show the true value.
 */
export const fitsDynamoNumber = (x: number): boolean =>
  x === 0 || (Number.isFinite(x) && Math.abs(x) >= 1e-130 && Math.abs(x) < 1e126);

const statusValue = (x: number): AttributeValue => (fitsDynamoNumber(x) ? N(x) : S(String(x)));

const readStatusValue = (v: AttributeValue): number | undefined => {
  const text = v.N ?? v.S;
  return text === undefined ? undefined : Number(text);
};

const numberMap = (record: Record<string, number> | undefined): AttributeValue | undefined =>
  record && Object.keys(record).length > 0
    ? { M: Object.fromEntries(Object.entries(record).map(([k, v]) => [k, statusValue(v)])) }
    : undefined;

function readMap<T>(value: AttributeValue | undefined, read: (v: AttributeValue) => T | undefined) {
  if (value?.M === undefined) return undefined;
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(value.M)) {
    const x = read(v);
    if (x !== undefined) out[k] = x;
  }
  return out;
}

export function statusToAttr(status: ObjectStatus): AttributeValue {
  return {
    M: compact({
      health: S(status.health),
      kstatus: S(status.kstatus),
      message: S(status.message),
      phase: status.phase === undefined ? undefined : S(status.phase),
      components: stringMap(status.components),
      values: numberMap(status.values),
    }),
  };
}

export function attrToStatus(value: AttributeValue | undefined): ObjectStatus {
  const m = value?.M ?? {};
  const status: ObjectStatus = {
    health: (m.health?.S ?? "Unknown") as ObjectStatus["health"],
    kstatus: (m.kstatus?.S ?? "Unknown") as ObjectStatus["kstatus"],
    message: m.message?.S ?? "",
  };
  if (m.phase?.S !== undefined) status.phase = m.phase.S;
  const components = readMap(m.components, (v) => v.S);
  if (components) status.components = components;
  const values = readMap(m.values, readStatusValue);
  if (values) status.values = values;
  return status;
}

/**
 * `rev` counts writes of the item: conditional writes compare it to what they read.
 * `lastTransitionSk` is the history key of the last transition, so reads and removals can tell its
 * record from another of the same millisecond (a time cannot).
 */
export function objectToItem(object: StoredObject, rev: number, lastTransitionSk?: string): Item {
  return compact({
    ...keyAttrs(currentKey(object.cluster, object.objectKey)),
    cluster: S(object.cluster),
    objectKey: S(object.objectKey),
    apiVersion: S(object.apiVersion),
    group: S(object.group),
    kind: S(object.kind),
    namespace: S(object.namespace),
    name: S(object.name),
    uid: object.uid === undefined ? undefined : S(object.uid),
    status: statusToAttr(object.status),
    health: S(object.status.health),
    rv: S(object.resourceVersion),
    generation: object.generation === undefined ? undefined : N(object.generation),
    observedAt: S(object.observedAt),
    lastTransitionAt: S(object.lastTransitionAt),
    lastTransitionSk: lastTransitionSk === undefined ? undefined : S(lastTransitionSk),
    transitions: N(object.transitions),
    updatedAt: S(object.updatedAt),
    labels: stringMap(object.labels),
    tombstonedBy: object.tombstonedBy === undefined ? undefined : S(object.tombstonedBy),
    bundleKey: object.bundleKey === undefined ? undefined : S(object.bundleKey),
    gsi1pk: object.bundleKey === undefined ? undefined : S(bundlePk(object.bundleKey)),
    gsi1sk: object.bundleKey === undefined ? undefined : S(bundleSk(object.cluster, object.objectKey)),
    gsi2pk: S(currentPk(object.cluster)),
    gsi2sk: S(object.updatedAt),
    rev: N(rev),
  });
}

export function itemToObject(item: Item): { object: StoredObject; rev: number; lastTransitionSk?: string } {
  const object: StoredObject = {
    cluster: str(item, "cluster") ?? "",
    objectKey: str(item, "objectKey") ?? "",
    apiVersion: str(item, "apiVersion") ?? "",
    group: str(item, "group") ?? "",
    kind: str(item, "kind") ?? "",
    namespace: str(item, "namespace") ?? "",
    name: str(item, "name") ?? "",
    status: attrToStatus(item.status),
    resourceVersion: str(item, "rv") ?? "",
    observedAt: str(item, "observedAt") ?? "",
    lastTransitionAt: str(item, "lastTransitionAt") ?? "",
    transitions: num(item, "transitions") ?? 0,
    updatedAt: str(item, "updatedAt") ?? "",
  };
  const optional = {
    uid: str(item, "uid"),
    generation: num(item, "generation"),
    labels: readMap(item.labels, (v) => v.S),
    bundleKey: str(item, "bundleKey"),
    tombstonedBy: str(item, "tombstonedBy"),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(object, { [k]: v });
  const lastTransitionSk = str(item, "lastTransitionSk");
  return { object, rev: num(item, "rev") ?? 0, ...(lastTransitionSk ? { lastTransitionSk } : {}) };
}

export function transitionToItem(t: Transition): Item {
  return compact({
    pk: S(historyPk(t.cluster, t.objectKey)),
    sk: S(historySk(t)),
    cluster: S(t.cluster),
    objectKey: S(t.objectKey),
    time: S(t.time),
    rv: t.resourceVersion === undefined ? undefined : S(t.resourceVersion),
    from: t.from === undefined ? undefined : statusToAttr(t.from),
    to: statusToAttr(t.to),
    durationSeconds: t.durationSeconds === undefined ? undefined : N(t.durationSeconds),
    cause: S(t.cause),
    snapshotId: t.snapshotId === undefined ? undefined : S(t.snapshotId),
    gap:
      t.gap === undefined
        ? undefined
        : { M: { count: N(t.gap.count), from: S(t.gap.from), to: S(t.gap.to) } },
    expiresAt: N(t.expiresAt),
  });
}

export function itemToTransition(item: Item): Transition {
  const t: Transition = {
    cluster: str(item, "cluster") ?? "",
    objectKey: str(item, "objectKey") ?? "",
    time: str(item, "time") ?? "",
    to: attrToStatus(item.to),
    cause: causeOf(str(item, "cause")),
    expiresAt: num(item, "expiresAt") ?? 0,
  };
  if (item.from !== undefined) t.from = attrToStatus(item.from);
  const gap = item.gap?.M;
  if (gap !== undefined) {
    t.gap = { count: Number(gap.count?.N ?? 0), from: gap.from?.S ?? "", to: gap.to?.S ?? "" };
  }
  const optional = {
    resourceVersion: str(item, "rv"),
    durationSeconds: num(item, "durationSeconds"),
    snapshotId: str(item, "snapshotId"),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(t, { [k]: v });
  return t;
}

const causeOf = (cause: string | undefined): Transition["cause"] =>
  cause === "snapshot" || cause === "gap" ? cause : "event";

export const keyAttrs = (key: { pk: string; sk: string }): Item => ({ pk: S(key.pk), sk: S(key.sk) });
