import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { encodeKeyPart } from "../../model/object-key.ts";
import { objectKeyOf } from "../object-key.ts";
import type {
  HistoryPage,
  ListObjectsQuery,
  ObjectRef,
  Page,
  PageRequest,
  StoredObject,
} from "../records.ts";
import { type Item, itemToObject, itemToTransition, keyAttrs, N, S, str } from "./codec.ts";
import type { TableContext } from "./context.ts";
import { bundlePk, currentKey, currentPk, historyPk, historySkAfter, INDEX, OBJECT_PREFIX } from "./keys.ts";
import { guard } from "./sdk-errors.ts";
import { queryPage } from "./table-query.ts";

const pick =
  (...names: string[]) =>
  (item: Item): Item =>
    Object.fromEntries(names.flatMap((n) => (item[n] ? [[n, item[n]]] : [])));

const toObjects = (page: { items: Item[]; cursor?: string }): Page<StoredObject> => ({
  items: page.items.map((item) => itemToObject(item).object),
  ...(page.cursor ? { cursor: page.cursor } : {}),
});

export async function getObject(ctx: TableContext, cluster: string, ref: ObjectRef) {
  const out = await guard("GetItem", () =>
    ctx.client.send(
      new GetItemCommand({ TableName: ctx.tableName, Key: keyAttrs(currentKey(cluster, objectKeyOf(ref))) }),
    ),
  );
  return out.Item ? itemToObject(out.Item as Item).object : undefined;
}

/** Group + kind (+ namespace) narrow the key range; anything else is a filter. */
export async function listObjects(
  ctx: TableContext,
  cluster: string,
  query: ListObjectsQuery = {},
): Promise<Page<StoredObject>> {
  const byKey = query.group !== undefined && query.kind !== undefined;
  let prefix = OBJECT_PREFIX;
  // Each part escaped as keys are, so group "apps" never matches the keys of group "apps#Deployment".
  if (byKey)
    prefix += [query.group, query.kind, ...(query.namespace !== undefined ? [query.namespace] : [])]
      .map((part) => `${encodeKeyPart(part ?? "")}#`)
      .join("");
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Item = { ":pk": S(currentPk(cluster)), ":prefix": S(prefix) };
  const filterOn = (attr: string, value: string | undefined) => {
    if (value === undefined) return;
    filters.push(`#${attr} = :${attr}`);
    names[`#${attr}`] = attr;
    values[`:${attr}`] = S(value);
  };
  if (!byKey) {
    filterOn("group", query.group);
    filterOn("kind", query.kind);
    filterOn("namespace", query.namespace);
  }
  filterOn("health", query.health);
  const page = await queryPage(
    ctx,
    {
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ...(filters.length > 0
        ? { FilterExpression: filters.join(" AND "), ExpressionAttributeNames: names }
        : {}),
      ExpressionAttributeValues: values,
    },
    query,
    pick("pk", "sk"),
  );
  return toObjects(page);
}

/** Oldest change first, from `since` inclusive (the change-feed index is eventually consistent). */
export async function listChangedSince(
  ctx: TableContext,
  cluster: string,
  since: Date,
  page: PageRequest = {},
) {
  const found = await queryPage(
    ctx,
    {
      IndexName: INDEX.changes,
      KeyConditionExpression: "gsi2pk = :pk AND gsi2sk >= :since",
      ExpressionAttributeValues: { ":pk": S(currentPk(cluster)), ":since": S(since.toISOString()) },
    },
    page,
    pick("pk", "sk", "gsi2pk", "gsi2sk"),
  );
  return toObjects(found);
}

export async function listBundle(ctx: TableContext, bundleKey: string, page: PageRequest = {}) {
  const found = await queryPage(
    ctx,
    {
      IndexName: INDEX.bundle,
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": S(bundlePk(bundleKey)) },
    },
    page,
    pick("pk", "sk", "gsi1pk", "gsi1sk"),
  );
  return toObjects(found);
}

/**
 * Newest first. DynamoDB's TTL deletes lazily (up to days late), so expiry is also checked here.
 * History is written before the object's current item, so records later than the current item's
 * last transition belong to a write still in progress, or one a crash interrupted that the relay's
 * retry will complete: they are left out until the current item accounts for them, and an object
 * without a current item has no history to show (`recorded: false`, so a caller need not read it
 * again to say so). The bound is the last transition's history key, so a record of the same
 * millisecond that the current item does not account for stays hidden too; items written before
 * the key was kept fall back to the millisecond.
 */
export async function listHistory(
  ctx: TableContext,
  cluster: string,
  objectKey: string,
  page: PageRequest,
  now: Date,
): Promise<HistoryPage> {
  const head = await readHead(ctx, cluster, objectKey);
  if (head === undefined) return { items: [], recorded: false };
  const bound = head.lastTransitionSk
    ? { condition: " AND sk <= :head", value: head.lastTransitionSk }
    : head.lastTransitionAt
      ? { condition: " AND sk < :head", value: historySkAfter(head.lastTransitionAt) }
      : { condition: "" };
  const found = await queryPage(
    ctx,
    {
      KeyConditionExpression: `pk = :pk${bound.condition}`,
      FilterExpression: "attribute_not_exists(expiresAt) OR expiresAt > :now",
      ExpressionAttributeValues: {
        ":pk": S(historyPk(cluster, objectKey)),
        ...(bound.value !== undefined ? { ":head": S(bound.value) } : {}),
        ":now": N(Math.floor(now.getTime() / 1000)),
      },
      ScanIndexForward: false,
    },
    page,
    pick("pk", "sk"),
  );
  return {
    items: found.items.map(itemToTransition),
    ...(found.cursor ? { cursor: found.cursor } : {}),
    recorded: true,
  };
}

/**
 * Only the two attributes the bound needs (a big ResourceBundleState's whole item costs tens of
 * read units consistent, this a half), read eventually consistent: a stale head is an earlier one
 * (heads only move forward), which only hides the newest records a moment longer, never shows one
 * the current item does not account for.
 */
async function readHead(ctx: TableContext, cluster: string, objectKey: string) {
  const out = await guard("GetItem", () =>
    ctx.client.send(
      new GetItemCommand({
        TableName: ctx.tableName,
        Key: keyAttrs(currentKey(cluster, objectKey)),
        ProjectionExpression: "lastTransitionAt, lastTransitionSk",
      }),
    ),
  );
  if (out.Item === undefined) return undefined;
  const item = out.Item as Item;
  const lastTransitionSk = str(item, "lastTransitionSk");
  return {
    lastTransitionAt: str(item, "lastTransitionAt") ?? "",
    ...(lastTransitionSk ? { lastTransitionSk } : {}),
  };
}
