import type { Transition } from "../records.ts";
import { batchWrite } from "./batch-io.ts";
import { transitionToItem } from "./codec.ts";
import type { TableContext } from "./context.ts";

/**
 * Writes history records (unconditional puts: each key is deterministic, so writing one twice
 * stores it once). BatchWriteItem refuses two puts of one key in a request, hence the dedupe.
 */
export async function writeHistory(ctx: TableContext, transitions: readonly Transition[]): Promise<void> {
  const byKey = new Map<string, ReturnType<typeof transitionToItem>>();
  for (const t of transitions) {
    const item = transitionToItem(t);
    byKey.set(`${item.pk?.S}\u0000${item.sk?.S}`, item);
  }
  await batchWrite(
    ctx,
    [...byKey.values()].map((Item) => ({ PutRequest: { Item } })),
  );
}
