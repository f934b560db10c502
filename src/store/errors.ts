// The store's error vocabulary. The HTTP error mapper and the CLI match on these classes; SDK errors
// never leave the adapter except as `cause`.

/** A cluster with this name is already registered. */
export class ClusterExistsError extends Error {
  override name = "ClusterExistsError";
  constructor(
    readonly cluster: string,
    options?: ErrorOptions,
  ) {
    super(`cluster "${cluster}" is already registered`, options);
  }
}

/** No cluster with this name is registered. */
export class ClusterNotFoundError extends Error {
  override name = "ClusterNotFoundError";
  constructor(
    readonly cluster: string,
    options?: ErrorOptions,
  ) {
    super(`cluster "${cluster}" is not registered`, options);
  }
}

/** Cluster names become key parts and metric labels: DNS-label-like names only. */
export class InvalidClusterNameError extends Error {
  override name = "InvalidClusterNameError";
  constructor(readonly cluster: string) {
    super(
      `cluster name "${cluster}" is invalid: use 1-63 lowercase letters, digits, "-" or ".", starting and ending with a letter or digit`,
    );
  }
}

/** A cluster secret too short to sign with (src/model/cluster-secret.ts). */
export class WeakSecretError extends Error {
  override name = "WeakSecretError";
}

/** The table is throttling, unreachable or failing: the caller may retry later (HTTP 503). */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Other writers kept changing the same item: after several re-reads the write still lost the race. */
export class ConcurrentWriteError extends Error {
  override name = "ConcurrentWriteError";
  constructor(
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(`item ${key} kept changing under concurrent writers; retry the request`, options);
  }
}

/** A pagination cursor that this store did not hand out (or that was tampered with). */
export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
  constructor(options?: ErrorOptions) {
    super("the pagination cursor is not valid; start again without a cursor", options);
  }
}

/**
 * A snapshot's last part arrived before all earlier parts were stored. Its events were applied, but
 * tombstoning waits (HTTP 409: the relay sends the snapshot again rather than drop it). The message names the first few missing parts and how many there are: a part number near the
 * bound would otherwise list up to a million of them.
 */
export class SnapshotIncompleteError extends Error {
  override name = "SnapshotIncompleteError";
  static readonly LISTED_PARTS = 10;
  constructor(
    readonly snapshotId: string,
    /** The lowest missing part numbers, at most `LISTED_PARTS` of them. */
    readonly missingParts: readonly number[],
    readonly missingCount: number = missingParts.length,
  ) {
    const listed = missingParts.slice(0, SnapshotIncompleteError.LISTED_PARTS);
    const more = missingCount > listed.length ? ` and ${missingCount - listed.length} more` : "";
    super(
      `snapshot ${snapshotId} is missing ${missingCount === 1 ? "part" : `${missingCount} parts:`} ${listed.join(", ")}${more}; retry its last part`,
    );
  }
}

/** A sealed secret could not be opened: wrong sealing key, or the stored value was altered. */
export class SecretUnsealError extends Error {
  override name = "SecretUnsealError";
  constructor(options?: ErrorOptions) {
    super("a stored secret could not be unsealed: check the sealing key", options);
  }
}

/** Token names are shown in lists and logs: DNS-label-like names only, so none can look like an id. */
export class InvalidTokenNameError extends Error {
  override name = "InvalidTokenNameError";
  constructor(readonly tokenName: string) {
    super(
      `token name "${tokenName}" is invalid: use 1-63 lowercase letters, digits, "-" or ".", starting and ending with a letter or digit`,
    );
  }
}

/** No read token has this name (unrevoked) or id. */
export class TokenNotFoundError extends Error {
  override name = "TokenNotFoundError";
  constructor(readonly nameOrId: string) {
    super(`no unrevoked read token is named or has the id "${nameOrId}"`);
  }
}
