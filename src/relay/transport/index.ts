// The relay's outbound half, as the rest of the relay uses it.
export type { BackoffPolicy } from "./backoff.ts";
export type { BatchLimits } from "./batcher.ts";
export type { GateState } from "./failure-gate.ts";
export { heartbeatIntervalFor } from "./heartbeat.ts";
export type { EnqueueResult } from "./history-queue.ts";
export { jsonLogger, type Logger, silentLogger } from "./logger.ts";
export { type Scheduler, systemScheduler } from "./scheduler.ts";
export { createSender } from "./sender.ts";
export type { FlushResult, Sender, SenderOptions, SenderStats } from "./sender-api.ts";
export type { SnapshotOutcome } from "./snapshot-job.ts";
