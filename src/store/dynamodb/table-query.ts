import { QueryCommand, type QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { InvalidCursorError } from "../errors.ts";
import type { Item } from "./codec.ts";
import type { TableContext } from "./context.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { guard } from "./sdk-errors.ts";

type QueryInput = Omit<QueryCommandInput, "TableName" | "Limit" | "ExclusiveStartKey">;

export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 100;

/** Every item a query matches, following LastEvaluatedKey to the end. */
export async function queryAll(ctx: TableContext, input: QueryInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await guard("Query", () =>
      ctx.client.send(new QueryCommand({ ...input, TableName: ctx.tableName, ExclusiveStartKey: start })),
    );
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey as Item | undefined;
  } while (start);
  return items;
}

/**
 * One page of at most `limit` matching items. DynamoDB applies Limit before FilterExpression, so a
 * filtered page is gathered over several calls; when the last call overshoots, the cursor is the key
 * of the last item kept, so the next page starts right after it.
 */
export async function queryPage(
  ctx: TableContext,
  input: QueryInput,
  page: { limit?: number; cursor?: string },
  keyOf: (item: Item) => Item,
): Promise<{ items: Item[]; cursor?: string }> {
  const limit = Math.min(Math.max(1, page.limit ?? DEFAULT_PAGE), MAX_PAGE);
  const items: Item[] = [];
  let start = decodeCursor(page.cursor, ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"]);
  while (items.length < limit) {
    const out = await guard("Query", () =>
      ctx.client.send(
        new QueryCommand({ ...input, TableName: ctx.tableName, ExclusiveStartKey: start, Limit: limit }),
      ),
    ).catch((error: unknown) => {
      // A cursor from another listing names keys this query cannot start from.
      if (page.cursor && (error as Error).name === "ValidationException")
        throw new InvalidCursorError({ cause: error });
      throw error;
    });
    const found = (out.Items ?? []) as Item[];
    const room = limit - items.length;
    items.push(...found.slice(0, room));
    start = out.LastEvaluatedKey as Item | undefined;
    if (found.length > room) {
      const last = items[items.length - 1];
      return { items, cursor: last ? encodeCursor(keyOf(last)) : undefined };
    }
    if (!start) return { items };
  }
  return { items, cursor: encodeCursor(start) };
}
