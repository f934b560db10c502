import type { ReadSettingsSource } from "../../read/read-settings.ts";
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
  | "listConfigs"
>;

/** What every read route works with, resolved once by `createReadApp`. */
export interface ReadContext {
  store: ReadStore;
  clock: Clock;
  /** Every current object and the cluster list, synced per request (one query when nothing changed). */
  mirror: StateMirror;
  /** What the config documents say: staleness windows, the bundle label, custom families. */
  settings: ReadSettingsSource;
}
