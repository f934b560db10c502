import { ABSENT_RETRY, ERROR_RETRY, type RetryPolicy } from "./retry.ts";

/** How often and how much a watcher asks of the API server. */
export interface WatchTiming {
  errorRetry: RetryPolicy;
  absentRetry: RetryPolicy;
  pageSize: number;
  minWatchTimeoutSeconds: number;
  /** Times one listing starts over after its continue token expired (410) before it counts as failed. */
  maxListRestarts: number;
}

export const DEFAULT_TIMING: WatchTiming = {
  errorRetry: ERROR_RETRY,
  absentRetry: ABSENT_RETRY,
  pageSize: 500,
  minWatchTimeoutSeconds: 300,
  maxListRestarts: 3,
};
