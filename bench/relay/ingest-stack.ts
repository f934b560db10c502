import type { EventBatch } from "../../src/model/wire.ts";
import { startIngestServer } from "../../src/relay/transport/testing/ingest-server.ts";
import { createDynamoStatusStore } from "../../src/store/dynamodb/dynamodb-status-store.ts";
import { startEmbeddedDynamo } from "../../src/store/embedded.ts";
import type { ApplyResult } from "../../src/store/records.ts";
import { createAesGcmSealer } from "../../src/store/secret-sealer.ts";
import type { StatusStore } from "../../src/store/status-store.ts";

/** What the ingest's applyBatch calls did, summed. */
export interface AppliedTotals {
  batches: number;
  events: number;
  accepted: number;
  stale: number;
  transitions: number;
  written: number;
}

export interface IngestStack {
  /** The ingest's base URL: the real app on a real port, over the embedded table. */
  readonly url: string;
  readonly cluster: string;
  readonly secret: string;
  /** The table's store, for reading what was recorded. */
  readonly store: StatusStore;
  readonly applied: AppliedTotals;
  /** Called once a batch is in the table (applyBatch resolved), before the ingest answers. */
  onApplied: ((batch: EventBatch, result: ApplyResult, at: number) => void) | undefined;
  close(): Promise<void>;
}

/** dynalite + the DynamoDB store + the ingest app served on 127.0.0.1, with one registered cluster. */
export async function startIngestStack(): Promise<IngestStack> {
  const db = await startEmbeddedDynamo({ memory: true });
  const store = createDynamoStatusStore({ ...db, sealer: createAesGcmSealer(new Uint8Array(32)) });
  const applied: AppliedTotals = { batches: 0, events: 0, accepted: 0, stale: 0, transitions: 0, written: 0 };
  const stack: IngestStack = {
    url: "",
    cluster: "bench",
    secret: "bench-relay-s3cret",
    store,
    applied,
    onApplied: undefined,
    close: async () => {},
  };
  const counted: StatusStore = {
    ...store,
    applyBatch: async (cluster, batch, now, refused) => {
      const result = await store.applyBatch(cluster, batch, now, refused);
      const at = performance.now();
      applied.batches++;
      applied.events += batch.events.length;
      applied.accepted += result.accepted;
      applied.stale += result.stale;
      applied.transitions += result.transitions;
      applied.written += result.written;
      stack.onApplied?.(batch, result, at);
      return result;
    },
  };
  await store.createCluster(stack.cluster, stack.secret, new Date());
  const ingest = await startIngestServer(counted);
  return Object.assign(stack, {
    url: ingest.url,
    close: async () => {
      await ingest.close();
      await db.close();
    },
  });
}
