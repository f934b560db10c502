import type { ObjectStatus } from "../model/object-status.ts";

/**
 * A transition is a change of health, kstatus, phase, components or values (DESIGN.md "Status
 * model"). A message alone is not: messages often carry counters and timestamps that change on every
 * resync, and writing them would turn every watch event into a write.
 */
export function isTransition(from: ObjectStatus | undefined, to: ObjectStatus): boolean {
  if (from === undefined) return true;
  return (
    from.health !== to.health ||
    from.kstatus !== to.kstatus ||
    (from.phase ?? "") !== (to.phase ?? "") ||
    !sameRecord(from.components, to.components) ||
    !sameRecord(from.values, to.values)
  );
}

function sameRecord<T>(a: Record<string, T> | undefined, b: Record<string, T> | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => k in y && x[k] === y[k]);
}

/** What a deleted object is recorded as: kept as a tombstone so history stays complete. */
export function tombstoneStatus(message: string): ObjectStatus {
  return { health: "Missing", kstatus: "NotFound", message: message || "Object was deleted" };
}

/**
 * A tombstone is Missing *and* NotFound: an existing object can be Missing in Argo CD's sense (an
 * Application whose resources are gone) while kstatus still sees it, and that one is not deleted.
 */
export function isTombstone(status: ObjectStatus): boolean {
  return status.health === "Missing" && status.kstatus === "NotFound";
}
