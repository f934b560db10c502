import type { StateMirror } from "../../read/state-mirror.ts";
import type { StatusStore } from "../../store/status-store.ts";
import type { Clock } from "../clock.ts";

/** The table calls the read app makes. */
export type ReadStore = Pick<
  StatusStore,
  | "listClusters"
  | "getCluster"
  | "listObjects"
  | "listChangedSince"
  | "listHistory"
  | "getObject"
  | "findReadToken"
>;

/** What every read route works with, resolved once by `createReadApp`. */
export interface ReadContext {
  store: ReadStore;
  clock: Clock;
  /** Every current object and the cluster list, synced per request (one query when nothing changed). */
  mirror: StateMirror;
  /** A cluster silent this long is stale (config `staleAfter`). */
  staleAfterMs: number;
  /** The label that places objects in EMCO composite apps (config `bundles.labelKeys[0]`). */
  bundleLabelKey: string;
}
