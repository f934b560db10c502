/** The longest the relay stays silent: a heartbeat goes at least this often (DESIGN.md "Heartbeat"). */
export const MAX_HEARTBEAT_MS = 60_000;

/** The heartbeat interval for a cluster that counts as stale after `staleAfterMs`: a third of it, at most a minute. */
export function heartbeatIntervalFor(staleAfterMs: number): number {
  return Math.max(1, Math.min(MAX_HEARTBEAT_MS, Math.floor(staleAfterMs / 3)));
}
