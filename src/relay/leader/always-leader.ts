import type { Leadership, LeadershipCallbacks } from "./leader-api.ts";

/**
 * Leadership without an election, for a single replica or `dev`: leads from `start` until `stop`.
 * `identity` names it in status.
 */
export function alwaysLeader(callbacks: LeadershipCallbacks, identity = "single-replica"): Leadership {
  let leading = false;
  let stopped = false;
  return {
    start() {
      if (leading || stopped) return;
      leading = true;
      callbacks.onNewLeader?.(identity);
      callbacks.onStartedLeading();
    },
    async stop() {
      stopped = true;
      if (!leading) return;
      leading = false;
      await callbacks.onStoppedLeading();
    },
    isLeader: () => leading,
    status: () => ({ leading, leader: leading ? identity : "", identity, lastRenewAt: undefined }),
    check: () => undefined,
  };
}
