// Which relay replica sends, as the rest of the relay uses it.
export { alwaysLeader } from "./always-leader.ts";
export { leaderIdentity, podNamespace } from "./identity.ts";
export type {
  Leadership,
  LeadershipCallbacks,
  LeadershipStatus,
  LeaseElectionOptions,
} from "./leader-api.ts";
export { createLeaseElection } from "./leader-election.ts";
export { DEFAULT_TIMING } from "./timing.ts";
