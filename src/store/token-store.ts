/** A read token as stored: its hash is the key, the token itself is never kept. */
export interface ReadTokenRecord {
  /** `rt_` + the first 12 hex digits of the hash: safe to show, print and revoke by. */
  id: string;
  /** What the operator called it; several tokens may share a name (a rotation in progress). */
  name: string;
  scope: "read";
  /** The clusters it may read; absent means every cluster. */
  clusters?: string[];
  createdAt: string;
  /** After this instant the token is refused; the table's TTL deletes the record some time later. */
  expiresAt?: string;
  revoked: boolean;
  revokedAt?: string;
}

export interface NewReadToken {
  name: string;
  clusters?: string[];
  expiresAt?: Date;
}

/** Read tokens for the read API (pk=TOKEN, sk={sha256 of the token}); see read-token.ts. */
export interface TokenStore {
  /** Stores a token by its hash. @throws InvalidTokenNameError, InvalidClusterNameError */
  createReadToken(tokenHash: string, token: NewReadToken, now: Date): Promise<ReadTokenRecord>;
  /** The record stored under this hash, revoked and expired ones included: the caller decides. */
  findReadToken(tokenHash: string): Promise<ReadTokenRecord | undefined>;
  /** Every stored token (oldest first), revoked and expired ones included until the TTL removes them. */
  listReadTokens(): Promise<ReadTokenRecord[]>;
  /**
   * Revokes the token with this id, or every unrevoked token with this name; returns what it
   * revoked. @throws TokenNotFoundError when nothing matches.
   */
  revokeReadTokens(nameOrId: string, now: Date): Promise<ReadTokenRecord[]>;
}
