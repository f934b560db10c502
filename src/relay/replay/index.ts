// Replaying a recorded watch stream instead of watching a cluster (`dev --replay FILE`).
export { type Replay, type ReplayOptions, type ReplayStats, startReplay } from "./replay-source.ts";
