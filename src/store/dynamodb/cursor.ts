import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { InvalidCursorError } from "../errors.ts";

// A cursor is DynamoDB's LastEvaluatedKey (all our key attributes are strings), made opaque.

export function encodeCursor(key: Record<string, AttributeValue> | undefined): string | undefined {
  if (key === undefined) return undefined;
  const plain = Object.fromEntries(Object.entries(key).map(([k, v]) => [k, v.S ?? ""]));
  return Buffer.from(JSON.stringify(plain), "utf8").toString("base64url");
}

export function decodeCursor(
  cursor: string | undefined,
  allowed: readonly string[],
): Record<string, AttributeValue> | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  let plain: unknown;
  try {
    plain = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch (error) {
    throw new InvalidCursorError({ cause: error });
  }
  if (plain === null || typeof plain !== "object" || Array.isArray(plain)) throw new InvalidCursorError();
  const entries = Object.entries(plain);
  if (entries.length === 0 || entries.some(([k, v]) => !allowed.includes(k) || typeof v !== "string")) {
    throw new InvalidCursorError();
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, { S: v as string }]));
}
