import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { StoredObject } from "../records.ts";
import { batchGet } from "./batch-io.ts";
import { type Item, itemToObject, keyAttrs, N, objectToItem } from "./codec.ts";
import type { TableContext } from "./context.ts";
import { currentKey, type HistoryHead } from "./keys.ts";
import { guard, isConditionFailed } from "./sdk-errors.ts";

/** A current-status record as read, with the write counter a conditional write must match. */
export interface Versioned {
  object: StoredObject;
  rev: number;
  /** The history key of the object's last transition (absent on items written before it was kept). */
  lastTransitionSk?: string;
}

/** A versioned read as the head of its object's history. */
export const headOf = (read: Versioned | undefined): HistoryHead | undefined =>
  read && {
    lastTransitionAt: read.object.lastTransitionAt,
    ...(read.lastTransitionSk ? { lastTransitionSk: read.lastTransitionSk } : {}),
  };

/**
 * Strongly consistent reads: deciding "no transition, write nothing" from a stale replica would
 * silently drop a transition, and no condition could catch it because nothing is written.
 */
export async function readCurrentMany(
  ctx: TableContext,
  cluster: string,
  objectKeys: readonly string[],
): Promise<Map<string, Versioned>> {
  const items = await batchGet(
    ctx,
    objectKeys.map((k) => keyAttrs(currentKey(cluster, k))),
    true,
  );
  const out = new Map<string, Versioned>();
  for (const item of items) {
    const versioned = itemToObject(item);
    out.set(versioned.object.objectKey, versioned);
  }
  return out;
}

export async function readCurrent(
  ctx: TableContext,
  cluster: string,
  objectKey: string,
): Promise<Versioned | undefined> {
  const out = await guard("GetItem", () =>
    ctx.client.send(
      new GetItemCommand({
        TableName: ctx.tableName,
        Key: keyAttrs(currentKey(cluster, objectKey)),
        ConsistentRead: true,
      }),
    ),
  );
  return out.Item ? itemToObject(out.Item as Item) : undefined;
}

/**
 * Writes the record only if nobody wrote it since we read it (`expected`), or, when we read
 * nothing, only if nobody created it meanwhile. Returns false when another writer won the race;
 * the caller re-reads and decides again. `lastTransitionSk` is the key of the history record of
 * `object`'s last transition.
 */
export async function putCurrent(
  ctx: TableContext,
  object: StoredObject,
  expected: Versioned | undefined,
  lastTransitionSk: string | undefined,
): Promise<boolean> {
  const rev = (expected?.rev ?? 0) + 1;
  try {
    await guard("PutItem", () =>
      ctx.client.send(
        new PutItemCommand({
          TableName: ctx.tableName,
          Item: objectToItem(object, rev, lastTransitionSk),
          // Closes the read-decide-write race between concurrent batches (a retried request still in
          // flight, two function instances): the loser re-reads instead of overwriting a newer state.
          ConditionExpression: expected ? "#rev = :rev" : "attribute_not_exists(pk)",
          ...(expected
            ? {
                ExpressionAttributeNames: { "#rev": "rev" },
                ExpressionAttributeValues: { ":rev": N(expected.rev) },
              }
            : {}),
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}
