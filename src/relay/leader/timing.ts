export interface ElectionTiming {
  leaseDurationSeconds: number;
  renewIntervalMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  requestTimeoutMs: number;
}

/** client-go's defaults for core components, with the renewal paced at 5 s instead of every retry. */
export const DEFAULT_TIMING: ElectionTiming = {
  leaseDurationSeconds: 15,
  renewIntervalMs: 5_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
  requestTimeoutMs: 5_000,
};

/**
 * The timing with defaults filled in, checked as client-go's NewLeaderElector checks it: a leader
 * must give up (renew deadline) before a standby may take over (lease duration), and must get
 * more than one retry within its deadline.
 */
export function electionTiming(options: Partial<ElectionTiming>): ElectionTiming {
  const timing: ElectionTiming = {
    leaseDurationSeconds: options.leaseDurationSeconds ?? DEFAULT_TIMING.leaseDurationSeconds,
    renewIntervalMs: options.renewIntervalMs ?? DEFAULT_TIMING.renewIntervalMs,
    renewDeadlineMs: options.renewDeadlineMs ?? DEFAULT_TIMING.renewDeadlineMs,
    retryPeriodMs: options.retryPeriodMs ?? DEFAULT_TIMING.retryPeriodMs,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_TIMING.requestTimeoutMs,
  };
  const problems = [
    [
      !Number.isInteger(timing.leaseDurationSeconds) || timing.leaseDurationSeconds < 1,
      "leaseDurationSeconds must be a whole number of seconds, at least 1",
    ],
    [
      timing.renewDeadlineMs >= timing.leaseDurationSeconds * 1000,
      "renewDeadlineMs must be shorter than the lease duration",
    ],
    [timing.renewDeadlineMs <= timing.retryPeriodMs * 1.2, "renewDeadlineMs must exceed 1.2 × retryPeriodMs"],
    [
      timing.renewIntervalMs >= timing.renewDeadlineMs,
      "renewIntervalMs must be shorter than renewDeadlineMs",
    ],
    [
      timing.retryPeriodMs <= 0 || timing.requestTimeoutMs <= 0,
      "retryPeriodMs and requestTimeoutMs must be positive",
    ],
  ] as const;
  const failed = problems.filter(([bad]) => bad).map(([, message]) => message);
  if (failed.length > 0) throw new RangeError(`leader election timing: ${failed.join("; ")}`);
  return timing;
}
