/**
 * The stale-cluster metric: how many registered clusters' relays have not been seen within their
 * staleness window, as the read function last computed it. It is published as a CloudWatch Embedded
 * Metric Format (EMF) log line: CloudWatch turns the line into a metric with no API call and no IAM
 * permission beyond writing logs. The CDK app alarms on it (infra/constructs/monitoring.ts).
 */
export const STALE_CLUSTERS_METRIC = {
  namespace: "StatusRecorder",
  name: "StaleClusters",
  /** One series per deployment: the table the read function reads. */
  dimension: "TableName",
} as const;

/** One EMF log line; write it with console.log (stdout) from the read function after each render. */
export function staleClustersEmfLine(tableName: string, staleClusters: number, now: Date): string {
  const { namespace, name, dimension } = STALE_CLUSTERS_METRIC;
  return JSON.stringify({
    _aws: {
      Timestamp: now.getTime(),
      CloudWatchMetrics: [
        { Namespace: namespace, Dimensions: [[dimension]], Metrics: [{ Name: name, Unit: "Count" }] },
      ],
    },
    [dimension]: tableName,
    [name]: staleClusters,
  });
}

/** How often a count that has not changed is published again: the alarm reads 5-minute maxima. */
export const STALE_CLUSTERS_REPUBLISH_MS = 60_000;

/**
 * Publishes the count a render found: at once when it changed, else at most once a minute, so a
 * Prometheus scraping every 15 s does not write four identical log lines a minute.
 */
export function staleClustersReporter(
  tableName: string,
  write: (line: string) => void = console.log,
): (staleClusters: number, now: Date) => void {
  let last: { count: number; at: number } | undefined;
  return (count, now) => {
    const at = now.getTime();
    if (last && last.count === count && at - last.at < STALE_CLUSTERS_REPUBLISH_MS) return;
    last = { count, at };
    write(staleClustersEmfLine(tableName, count, now));
  };
}
