/**
 * The cluster's relay has not been heard from within its staleness window, so what was recorded for
 * it may no longer hold: answered 503 where acting on old data would be wrong (a rollout analysis).
 */
export class ClusterStaleError extends Error {
  override name = "ClusterStaleError";
  constructor(
    readonly cluster: string,
    lastSeen: string | undefined,
  ) {
    super(
      lastSeen === undefined
        ? `cluster "${cluster}" has never been heard from, so its recorded values cannot be trusted`
        : `cluster "${cluster}" was last heard from at ${lastSeen}, so its recorded values may be out of date`,
    );
  }
}
