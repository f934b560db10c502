import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { createDynamoStatusStore, type DynamoStatusStoreOptions } from "../dynamodb/dynamodb-status-store.ts";
import { type EmbeddedDynamo, startEmbeddedDynamo } from "../embedded.ts";
import { createAesGcmSealer } from "../secret-sealer.ts";
import type { StatusStore } from "../status-store.ts";

export interface TestTable {
  readonly db: EmbeddedDynamo;
  readonly store: StatusStore;
  /** Another store over the same table (a second function instance), with its own options. */
  storeWith(options?: Partial<DynamoStatusStoreOptions>): StatusStore;
  /** A cluster name no other test in the file uses, so tests share one table without interfering. */
  cluster(): string;
}

/** Starts an in-memory embedded table for the test file (beforeAll) and stops it after. */
export function useTestTable(): TestTable {
  let db: EmbeddedDynamo | undefined;
  let store: StatusStore | undefined;
  let n = 0;
  const sealer = createAesGcmSealer(randomBytes(32));
  const storeWith = (options: Partial<DynamoStatusStoreOptions> = {}) => {
    if (!db) throw new Error("the test table is not started yet");
    return createDynamoStatusStore({ client: db.client, tableName: db.tableName, sealer, ...options });
  };
  beforeAll(async () => {
    db = await startEmbeddedDynamo({ memory: true });
    store = storeWith();
  });
  afterAll(async () => {
    await db?.close();
  });
  return {
    get db() {
      if (!db) throw new Error("the test table is not started yet");
      return db;
    },
    get store() {
      if (!store) throw new Error("the test table is not started yet");
      return store;
    },
    storeWith,
    cluster: () => `c${++n}`,
  };
}
