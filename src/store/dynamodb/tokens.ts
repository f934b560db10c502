import { GetItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { InvalidClusterNameError, InvalidTokenNameError, TokenNotFoundError } from "../errors.ts";
import { hashPrefixOfId, readTokenIdOf } from "../read-token.ts";
import type { NewReadToken, ReadTokenRecord } from "../token-store.ts";
import { CLUSTER_NAME } from "./clusters.ts";
import { type Item, keyAttrs, N, num, S, str } from "./codec.ts";
import { mapLimit } from "./concurrency.ts";
import type { TableContext } from "./context.ts";
import { TOKEN_PK, tokenKey } from "./keys.ts";
import { guard, isConditionFailed } from "./sdk-errors.ts";
import { queryAll } from "./table-query.ts";

const TOKEN_NAME = CLUSTER_NAME;

// `expiresAt` is the table's TTL attribute (unix seconds): an expired token's record is deleted by
// DynamoDB some time after it stops being accepted.
function toRecord(item: Item): ReadTokenRecord {
  const hash = str(item, "sk") ?? "";
  const record: ReadTokenRecord = {
    id: readTokenIdOf(hash),
    name: str(item, "name") ?? "",
    scope: "read",
    createdAt: str(item, "createdAt") ?? "",
    revoked: item.revoked?.BOOL === true,
  };
  const clusters = item.clusters?.L?.flatMap((v) => (v.S === undefined ? [] : [v.S]));
  if (clusters && clusters.length > 0) record.clusters = clusters;
  const expires = num(item, "expiresAt");
  if (expires !== undefined) record.expiresAt = new Date(expires * 1000).toISOString();
  const revokedAt = str(item, "revokedAt");
  if (revokedAt !== undefined) record.revokedAt = revokedAt;
  return record;
}

export async function createReadToken(
  ctx: TableContext,
  hash: string,
  token: NewReadToken,
  now: Date,
): Promise<ReadTokenRecord> {
  if (!TOKEN_NAME.test(token.name)) throw new InvalidTokenNameError(token.name);
  const clusters = [...new Set(token.clusters ?? [])];
  const invalid = clusters.find((c) => !CLUSTER_NAME.test(c));
  if (invalid !== undefined) throw new InvalidClusterNameError(invalid);
  const item: Item = {
    ...keyAttrs(tokenKey(hash)),
    name: S(token.name),
    scope: S("read"),
    createdAt: S(now.toISOString()),
    revoked: { BOOL: false },
    ...(clusters.length > 0 ? { clusters: { L: clusters.map(S) } } : {}),
    ...(token.expiresAt ? { expiresAt: N(Math.ceil(token.expiresAt.getTime() / 1000)) } : {}),
  };
  await guard("PutItem", () =>
    ctx.client.send(
      // A replayed put must never bring a revoked token back to life.
      new PutItemCommand({
        TableName: ctx.tableName,
        Item: item,
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
  return toRecord(item);
}

export async function findReadToken(ctx: TableContext, hash: string): Promise<ReadTokenRecord | undefined> {
  const out = await guard("GetItem", () =>
    // Consistent: a token created a moment ago must work on its first use.
    ctx.client.send(
      new GetItemCommand({ TableName: ctx.tableName, Key: keyAttrs(tokenKey(hash)), ConsistentRead: true }),
    ),
  );
  return out.Item ? toRecord(out.Item as Item) : undefined;
}

export async function listReadTokens(ctx: TableContext): Promise<ReadTokenRecord[]> {
  const items = await tokenItems(ctx);
  return items.map(toRecord).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function revokeReadTokens(
  ctx: TableContext,
  nameOrId: string,
  now: Date,
): Promise<ReadTokenRecord[]> {
  const prefix = hashPrefixOfId(nameOrId);
  const items = await tokenItems(ctx, prefix);
  const matches =
    prefix === undefined
      ? items.filter((item) => str(item, "name") === nameOrId && item.revoked?.BOOL !== true)
      : items;
  if (matches.length === 0) throw new TokenNotFoundError(nameOrId);
  const revoked = await mapLimit(matches, ctx.writeConcurrency, (item) => revoke(ctx, item, now));
  return revoked.filter((r): r is ReadTokenRecord => r !== undefined);
}

async function revoke(ctx: TableContext, item: Item, now: Date): Promise<ReadTokenRecord | undefined> {
  if (item.revoked?.BOOL === true) return toRecord(item);
  try {
    const out = await guard("UpdateItem", () =>
      ctx.client.send(
        new UpdateItemCommand({
          TableName: ctx.tableName,
          Key: keyAttrs(tokenKey(str(item, "sk") ?? "")),
          UpdateExpression: "SET revoked = :true, revokedAt = :now",
          // The TTL may have deleted an expired token meanwhile: do not recreate it as a stub.
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: { ":true": { BOOL: true }, ":now": S(now.toISOString()) },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    return toRecord(out.Attributes as Item);
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
}

/** Every token item, or those whose hash starts with `hashPrefix` (a key-range query, not a filter). */
function tokenItems(ctx: TableContext, hashPrefix?: string): Promise<Item[]> {
  return queryAll(ctx, {
    KeyConditionExpression: hashPrefix === undefined ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: {
      ":pk": S(TOKEN_PK),
      ...(hashPrefix === undefined ? {} : { ":prefix": S(hashPrefix) }),
    },
    ConsistentRead: true,
  });
}
