import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SecretSealer } from "../secret-sealer.ts";

/** What every part of the adapter works with; built once by `createDynamoStatusStore`. */
export interface TableContext {
  client: DynamoDBClient;
  tableName: string;
  /** How long history records live (DynamoDB TTL on `expiresAt`). */
  historyTtlSeconds: number;
  /** How long a snapshot's per-part records live: only until its last part arrives, plus slack. */
  snapshotTtlSeconds: number;
  /** Conditional writes in flight at once for one batch. */
  writeConcurrency: number;
  sealer: SecretSealer;
}

export const DEFAULTS = {
  historyTtlSeconds: 30 * 24 * 3600,
  snapshotTtlSeconds: 24 * 3600,
  writeConcurrency: 16,
} as const;
