import { sortableVersion } from "../event-order.ts";
import type { ConfigScope, Transition } from "../records.ts";

// Every key of the single-table design (DESIGN.md "Table") is built here and nowhere else.

export const INDEX = {
  /** gsi1pk=B#{bundleKey}, gsi1sk={cluster}#{objectKey}: composite-app membership across clusters. */
  bundle: "gsi1",
  /** gsi2pk=C#{cluster}, gsi2sk={updatedAt}: what changed since a reader's last render. */
  changes: "gsi2",
} as const;

export interface Key {
  pk: string;
  sk: string;
}

export const currentPk = (cluster: string): string => `C#${cluster}`;
export const OBJECT_PREFIX = "O#";
export const currentKey = (cluster: string, objectKey: string): Key => ({
  pk: currentPk(cluster),
  sk: `${OBJECT_PREFIX}${objectKey}`,
});

export const historyPk = (cluster: string, objectKey: string): string => `H#${cluster}#${objectKey}`;

/**
 * `{time}#{seq}`, deterministic from the event (observedAt + resourceVersion), the gap it carried
 * (`gap:` + the event's resourceVersion) or the snapshot, so a retried batch rewrites the same
 * history record instead of adding a second one.
 */
export function historySk(transition: Transition): string {
  const version = sortableVersion(transition.resourceVersion ?? "");
  const seq =
    transition.snapshotId !== undefined
      ? `snapshot:${transition.snapshotId}`
      : transition.cause === "gap"
        ? `gap:${version}`
        : version;
  return `${transition.time}#${seq}`;
}

/**
 * The exclusive upper bound of the history sort keys of records at or before `time`: every
 * `{time}#…` sorts below `{time}$` ("$" follows "#"), every later time above it.
 */
export const historySkAfter = (time: string): string => `${time}$`;

/** Where an object's history ends: what its current item accounts for. */
export interface HistoryHead {
  lastTransitionAt: string;
  /** Absent on items written before the key was stored: then the head is the millisecond. */
  lastTransitionSk?: string;
}

/** Whether a history key is later than the head, i.e. not (yet) accounted for by the current item. */
export function isBeyondHead(sk: string, head: HistoryHead | undefined): boolean {
  if (head === undefined) return true;
  return head.lastTransitionSk !== undefined
    ? sk > head.lastTransitionSk
    : sk > historySkAfter(head.lastTransitionAt);
}

export const bundlePk = (bundleKey: string): string => `B#${bundleKey}`;
export const bundleSk = (cluster: string, objectKey: string): string => `${cluster}#${objectKey}`;

export const CLUSTER_PK = "CLUSTER";
export const clusterKey = (name: string): Key => ({ pk: CLUSTER_PK, sk: name });

/** sk is the token's SHA-256 in hex, so a lookup by the presented token is one GetItem. */
export const TOKEN_PK = "TOKEN";
export const tokenKey = (hash: string): Key => ({ pk: TOKEN_PK, sk: hash });

export const CONFIG_PK = "CONFIG";
export const DEFAULT_CONFIG_SK = "_default";
export const configKey = (scope: ConfigScope): Key => ({
  pk: CONFIG_PK,
  sk: scope.cluster ?? DEFAULT_CONFIG_SK,
});

export const snapshotPk = (cluster: string, snapshotId: string): string => `S#${cluster}#${snapshotId}`;
export const snapshotSk = (part: number, chunk: number): string =>
  `P#${String(part).padStart(6, "0")}#${String(chunk).padStart(4, "0")}`;
