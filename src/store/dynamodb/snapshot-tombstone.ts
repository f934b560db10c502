import { DeleteItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { Snapshot } from "../../model/wire.ts";
import { tombstoneBySnapshot } from "../fold-events.ts";
import type { StoredObject, Transition } from "../records.ts";
import { keyAttrs, transitionToItem } from "./codec.ts";
import type { TableContext } from "./context.ts";
import { putCurrent, readCurrent, type Versioned } from "./current-item.ts";
import { writeHistory } from "./history.ts";
import { historyPk, historySk } from "./keys.ts";
import { guard, isConditionFailed } from "./sdk-errors.ts";

/**
 * Records one object as Missing by the snapshot, unless it stopped being a candidate meanwhile.
 *
 * History is written first, as for every transition, but marked `tentative` until the record's
 * put succeeds, when the record is written again without the mark. When this attempt loses the
 * record to a delta, it deletes its history record, but only while the record is still tentative:
 * its key names the snapshot, so a retry of the same part writes the same key, and that retry may
 * have committed the tombstone before the delta came (the delta then recorded Missing → its status,
 * and the tombstone's record must stay). Closes that race both ways: the committing attempt's
 * unmarked write lands after ours (our tentative write refuses to replace an unmarked record) or
 * after our delete (and restores the record). Costs one more write per tombstone. What stays
 * open: the committing attempt dying between its put and its unmarked write, and our own put
 * succeeding while the SDK's retry of it reports the condition failed, in both cases with the
 * delta landing before we look again.
 */
export async function tombstone(
  ctx: TableContext,
  snapshot: Snapshot,
  read: Versioned,
  isCandidate: (object: StoredObject) => boolean,
  now: Date,
): Promise<boolean> {
  const options = { now, historyTtlSeconds: ctx.historyTtlSeconds };
  let current: Versioned | undefined = read;
  let written: Transition | undefined;
  while (current && isCandidate(current.object)) {
    const planned = tombstoneBySnapshot(current.object, snapshot, options);
    if (await putTentative(ctx, planned.transition)) written = planned.transition;
    if (await putCurrent(ctx, planned.next, current, historySk(planned.transition))) {
      await writeHistory(ctx, [planned.transition]);
      return true;
    }
    current = await readCurrent(ctx, read.object.cluster, read.object.objectKey);
  }
  if (current?.object.tombstonedBy === snapshot.id) return false; // a retry of this part got there first
  if (written !== undefined) await deleteIfTentative(ctx, written);
  return false;
}

/** Writes the record marked tentative, unless an unmarked (committed) one is there: then false. */
async function putTentative(ctx: TableContext, transition: Transition): Promise<boolean> {
  try {
    await guard("PutItem", () =>
      ctx.client.send(
        new PutItemCommand({
          TableName: ctx.tableName,
          Item: { ...transitionToItem(transition), tentative: { BOOL: true } },
          ConditionExpression: "attribute_not_exists(pk) OR attribute_exists(tentative)",
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

async function deleteIfTentative(ctx: TableContext, transition: Transition): Promise<void> {
  const key = keyAttrs({
    pk: historyPk(transition.cluster, transition.objectKey),
    sk: historySk(transition),
  });
  try {
    await guard("DeleteItem", () =>
      ctx.client.send(
        new DeleteItemCommand({
          TableName: ctx.tableName,
          Key: key,
          ConditionExpression: "attribute_exists(tentative)",
        }),
      ),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}
