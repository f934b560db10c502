import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

const WRITES = new Set([
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "BatchWriteItemCommand",
  "TransactWriteItemsCommand",
]);

export interface RequestCounter {
  /** Write requests sent (a BatchWriteItem of 25 puts counts once). */
  readonly writes: number;
  /** Every request sent, by command name. */
  readonly byCommand: Readonly<Record<string, number>>;
  reset(): void;
  stop(): void;
}

let installed = 0;

/** Counts the requests a DynamoDB client sends, as a middleware on the client itself. */
export function countWrites(client: DynamoDBClient): RequestCounter {
  const name = `count-writes-${++installed}`;
  let byCommand: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? "unknown";
      byCommand[command] = (byCommand[command] ?? 0) + 1;
      return next(args);
    },
    { step: "initialize", name },
  );
  return {
    get writes() {
      return Object.entries(byCommand).reduce((sum, [command, n]) => sum + (WRITES.has(command) ? n : 0), 0);
    },
    get byCommand() {
      return byCommand;
    },
    reset() {
      byCommand = {};
    },
    stop() {
      client.middlewareStack.remove(name);
    },
  };
}
