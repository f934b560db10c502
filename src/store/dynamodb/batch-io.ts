import { BatchGetItemCommand, BatchWriteItemCommand, type WriteRequest } from "@aws-sdk/client-dynamodb";
import { StoreUnavailableError } from "../errors.ts";
import type { Item } from "./codec.ts";
import { chunk, mapLimit, sleep } from "./concurrency.ts";
import type { TableContext } from "./context.ts";
import { guard } from "./sdk-errors.ts";

const GET_LIMIT = 100;
const WRITE_LIMIT = 25;
const ATTEMPTS = 8;

/** BatchGetItem in chunks of 100, retrying unprocessed keys (DynamoDB returns them under load). */
export async function batchGet(
  ctx: TableContext,
  keys: readonly Item[],
  consistent: boolean,
): Promise<Item[]> {
  const pages = await mapLimit(chunk(keys, GET_LIMIT), 4, async (part) => {
    const found: Item[] = [];
    let pending: Item[] = part;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= ATTEMPTS)
        throw new StoreUnavailableError("the status table kept leaving reads unprocessed");
      if (attempt > 0) await sleep(backoff(attempt));
      const out = await guard("BatchGetItem", () =>
        ctx.client.send(
          new BatchGetItemCommand({
            RequestItems: { [ctx.tableName]: { Keys: pending, ConsistentRead: consistent } },
          }),
        ),
      );
      found.push(...(out.Responses?.[ctx.tableName] ?? []));
      pending = out.UnprocessedKeys?.[ctx.tableName]?.Keys ?? [];
    }
    return found;
  });
  return pages.flat();
}

/** BatchWriteItem in chunks of 25, retrying unprocessed items. Puts are idempotent here by design. */
export async function batchWrite(ctx: TableContext, requests: readonly WriteRequest[]): Promise<void> {
  await mapLimit(chunk(requests, WRITE_LIMIT), 4, async (part) => {
    let pending: WriteRequest[] = part;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= ATTEMPTS)
        throw new StoreUnavailableError("the status table kept leaving writes unprocessed");
      if (attempt > 0) await sleep(backoff(attempt));
      const out = await guard("BatchWriteItem", () =>
        ctx.client.send(new BatchWriteItemCommand({ RequestItems: { [ctx.tableName]: pending } })),
      );
      pending = out.UnprocessedItems?.[ctx.tableName] ?? [];
    }
  });
}

const backoff = (attempt: number) => Math.min(1000, 10 * 2 ** attempt) * (0.5 + Math.random() / 2);
