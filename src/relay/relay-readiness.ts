import type { ConfigSync } from "./config-sync/index.ts";
import type { Leadership } from "./leader/index.ts";
import type { LeaderTerm } from "./leader-term.ts";
import type { ReadinessSources } from "./probes/index.ts";

export interface RelayParts {
  sync: ConfigSync;
  leadership: Leadership;
  /** The term running now; none while standing by. */
  term: () => LeaderTerm | undefined;
  /** Whether replicas elect a leader: only then is there a standby to report. */
  elected: boolean;
}

/** What /readyz reads, from the relay's parts as they stand at each probe. */
export function relayReadiness(parts: RelayParts): ReadinessSources {
  const { sync, leadership, term } = parts;
  const sources: ReadinessSources = {
    config: () => {
      const current = sync.current();
      const error = sync.lastError?.message;
      return current && { source: current.source, revision: current.revision, ...(error ? { error } : {}) };
    },
    watches: () => term()?.states(),
    senderGate: () => term()?.sender.stats().gate ?? "closed",
  };
  if (parts.elected) sources.role = () => (leadership.isLeader() ? "leader" : "standby");
  return sources;
}
