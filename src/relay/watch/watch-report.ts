import {
  FAILING_WATCH_STATES,
  MAX_FAILING_LISTED,
  MAX_WATCH_ERROR,
  type WatchReport,
} from "../../model/wire.ts";
import type { KindState } from "./kind-state.ts";

const FAILING: ReadonlySet<string> = new Set(FAILING_WATCH_STATES);

/**
 * How the watches stand, as every batch reports them (DESIGN.md "Heartbeat"): kinds configured,
 * watches open now, and the kinds failing (backoff, forbidden) with their last error and since when.
 * A kind that is not installed is neither live nor failing: nothing of it exists to be watched.
 */
export function watchReportOf(states: readonly KindState[]): WatchReport {
  const failing: WatchReport["failing"] = [];
  let live = 0;
  let failingTotal = 0;
  for (const state of states) {
    if (state.state === "watching") live++;
    else if (FAILING.has(state.state) && failingTotal++ < MAX_FAILING_LISTED) {
      failing.push({
        kind: state.kind,
        state: state.state as WatchReport["failing"][number]["state"],
        error: cut(state.lastError ?? state.state, MAX_WATCH_ERROR),
        ...(state.failingSince ? { since: state.failingSince } : {}),
      });
    }
  }
  return { kinds: states.length, live, failing, ...(failingTotal > failing.length ? { failingTotal } : {}) };
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
