import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { Transition } from "../records.ts";
import { batchWrite } from "./batch-io.ts";
import { type Item, transitionToItem } from "./codec.ts";
import { chunk, mapLimit } from "./concurrency.ts";
import type { TableContext } from "./context.ts";
import { guard, refusalOf } from "./sdk-errors.ts";

const WRITE_LIMIT = 25;

/**
 * Writes history records (unconditional puts: each key is deterministic, so writing one twice
 * stores it once). BatchWriteItem refuses two puts of one key in a request, hence the dedupe.
 */
export async function writeHistory(ctx: TableContext, transitions: readonly Transition[]): Promise<void> {
  await batchWrite(
    ctx,
    [...byKey(transitions).values()].map(({ item: Item }) => ({ PutRequest: { Item } })),
  );
}

/**
 * Like `writeHistory`, but a record the table refuses does not take the others down with it: a
 * request of 25 that DynamoDB refuses is sent again record by record. Returns the positions in
 * `transitions` of the records refused, with the table's reason; throws only what may pass (503).
 */
export async function writeHistoryIsolated(
  ctx: TableContext,
  transitions: readonly Transition[],
): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  const entries = [...byKey(transitions).values()];
  await mapLimit(chunk(entries, WRITE_LIMIT), 4, async (part) => {
    try {
      await batchWrite(
        ctx,
        part.map(({ item: Item }) => ({ PutRequest: { Item } })),
      );
      return;
    } catch (error) {
      if (refusalOf(error) === undefined) throw error;
    }
    for (const { item, positions } of part) {
      try {
        await guard("PutItem", () =>
          ctx.client.send(new PutItemCommand({ TableName: ctx.tableName, Item: item })),
        );
      } catch (error) {
        const reason = refusalOf(error);
        if (reason === undefined) throw error;
        for (const at of positions) refused.set(at, `the table refused its history record: ${reason}`);
      }
    }
  });
  return refused;
}

/** Deletes history records (absent ones are no matter). */
export async function removeHistory(ctx: TableContext, transitions: readonly Transition[]): Promise<void> {
  await batchWrite(
    ctx,
    [...byKey(transitions).values()].map(({ item }) => ({
      DeleteRequest: { Key: { pk: item.pk as Item[string], sk: item.sk as Item[string] } },
    })),
  );
}

function byKey(transitions: readonly Transition[]): Map<string, { item: Item; positions: number[] }> {
  const out = new Map<string, { item: Item; positions: number[] }>();
  transitions.forEach((t, position) => {
    const item = transitionToItem(t);
    const key = `${item.pk?.S}\u0000${item.sk?.S}`;
    const seen = out.get(key);
    if (seen) {
      seen.item = item;
      seen.positions.push(position);
    } else out.set(key, { item, positions: [position] });
  });
  return out;
}
