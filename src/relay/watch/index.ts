// The relay's watch side, as the rest of the relay (and `dev`) uses it.
export { DEFAULT_KINDS, defaultWatchList } from "./default-kinds.ts";
export type { KindState, KindStateName } from "./kind-state.ts";
export { kindKeyOfObject } from "./object-keys.ts";
export { ObjectTracker, type Observed, type StatusReader } from "./object-tracker.ts";
export { createStatusReader } from "./status-reader.ts";
export { watchReportOf } from "./watch-report.ts";
export { WatchSet, type WatchSetOptions } from "./watch-set.ts";
export { DEFAULT_TIMING, type WatchTiming } from "./watch-timing.ts";
