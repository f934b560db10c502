import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

let installed = 0;

/**
 * Runs `before` ahead of the first request that `matches` (a crash to simulate, or a rival writer
 * to let in first). If `before` throws, the request fails with that error without being sent.
 * Returns a function that removes the hook.
 */
export function interceptOnce(
  client: DynamoDBClient,
  matches: (command: string, input: Record<string, unknown>) => boolean,
  before: () => Promise<void>,
): () => void {
  const name = `intercept-${++installed}`;
  let fired = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!fired && matches(context.commandName ?? "", args.input as Record<string, unknown>)) {
        fired = true;
        await before();
      }
      return next(args);
    },
    { step: "initialize", name },
  );
  return () => client.middlewareStack.remove(name);
}

/** Like `interceptOnce`, but before every matching request until removed (a fault that does not pass). */
export function interceptEvery(
  client: DynamoDBClient,
  matches: (command: string, input: Record<string, unknown>) => boolean,
  before: () => Promise<void>,
): () => void {
  const name = `intercept-${++installed}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (matches(context.commandName ?? "", args.input as Record<string, unknown>)) await before();
      return next(args);
    },
    { step: "initialize", name },
  );
  return () => client.middlewareStack.remove(name);
}

/** An error shaped as DynamoDB's refusal of an item for what it holds (HTTP 400, not retryable). */
export function refusedItemError(message = "Item size has exceeded the maximum allowed size"): Error {
  return Object.assign(new Error(message), {
    name: "ValidationException",
    $fault: "client",
    $metadata: { httpStatusCode: 400 },
  });
}

/** Whether a PutItem writes a current-status record (`pk=C#…`). */
export function isRecordPut(command: string, input: Record<string, unknown>): boolean {
  const item = input.Item as Record<string, { S?: string }> | undefined;
  return command === "PutItemCommand" && (item?.pk?.S ?? "").startsWith("C#");
}

/** Whether a PutItem writes the current-status record of the object named `name`. */
export const isRecordPutOf =
  (name: string) =>
  (command: string, input: Record<string, unknown>): boolean => {
    const item = input.Item as Record<string, { S?: string }> | undefined;
    return isRecordPut(command, input) && item?.name?.S === name;
  };
