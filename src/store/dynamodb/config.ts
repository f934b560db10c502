import { createHash } from "node:crypto";
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { ConfigScope, EffectiveConfig, ScopedConfig, StoredConfig } from "../records.ts";
import { batchGet } from "./batch-io.ts";
import { type Item, keyAttrs, S, str } from "./codec.ts";
import { mapLimit } from "./concurrency.ts";
import type { TableContext } from "./context.ts";
import { CLUSTER_PK, CONFIG_PK, clusterKey, configKey, DEFAULT_CONFIG_SK } from "./keys.ts";
import { guard, isConditionFailed } from "./sdk-errors.ts";
import { queryAll } from "./table-query.ts";

type Doc = Record<string, unknown>;

/** Short content hash: a revision is compared and sent as an ETag, never trusted for integrity. */
export const revisionOf = (text: string): string =>
  createHash("sha256").update(text).digest("hex").slice(0, 16);

/** The override wins per top-level key (a cluster that overrides `watch` replaces the whole list). */
export function mergeConfig(fleetDefault: Doc | undefined, override: Doc | undefined): EffectiveConfig {
  const document = { ...(fleetDefault ?? {}), ...(override ?? {}) };
  return { document, revision: revisionOf(canonicalJson(document)) };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function toStored(item: Item): StoredConfig {
  return {
    raw: str(item, "raw") ?? "",
    document: JSON.parse(str(item, "document") ?? "{}") as Doc,
    revision: str(item, "revision") ?? "",
    updatedAt: str(item, "updatedAt") ?? "",
  };
}

export async function putConfig(
  ctx: TableContext,
  scope: ConfigScope,
  raw: string,
  document: Doc,
  now: Date,
) {
  const stored: StoredConfig = { raw, document, revision: revisionOf(raw), updatedAt: now.toISOString() };
  const item = {
    ...keyAttrs(configKey(scope)),
    raw: S(raw),
    document: S(JSON.stringify(document)),
    revision: S(stored.revision),
    updatedAt: S(stored.updatedAt),
  };
  await guard("PutItem", () => ctx.client.send(new PutItemCommand({ TableName: ctx.tableName, Item: item })));
  await refreshClusterRevisions(ctx, scope);
  return stored;
}

export async function getConfig(ctx: TableContext, scope: ConfigScope): Promise<StoredConfig | undefined> {
  const [item] = await batchGet(ctx, [keyAttrs(configKey(scope))], true);
  return item ? toStored(item) : undefined;
}

export async function deleteConfig(ctx: TableContext, scope: ConfigScope): Promise<void> {
  await guard("DeleteItem", () =>
    ctx.client.send(new DeleteItemCommand({ TableName: ctx.tableName, Key: keyAttrs(configKey(scope)) })),
  );
  await refreshClusterRevisions(ctx, scope);
}

/** One BatchGetItem for the default and the override. */
export async function getEffectiveConfig(ctx: TableContext, cluster: string): Promise<EffectiveConfig> {
  const items = await batchGet(ctx, [keyAttrs(configKey({})), keyAttrs(configKey({ cluster }))], true);
  const find = (sk: string) => items.find((i) => str(i, "sk") === sk);
  const fleetDefault = find(DEFAULT_CONFIG_SK);
  const override = find(cluster);
  return mergeConfig(
    fleetDefault && toStored(fleetDefault).document,
    override && toStored(override).document,
  );
}

/** One query: every config record lives under one partition. */
export async function listConfigs(ctx: TableContext): Promise<ScopedConfig[]> {
  const items = await queryAll(ctx, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": S(CONFIG_PK) },
  });
  return items.map((item) => {
    const sk = str(item, "sk") ?? "";
    return { ...toStored(item), scope: sk === DEFAULT_CONFIG_SK ? {} : { cluster: sk } };
  });
}

/**
 * Keeps `configRevision` on cluster records in step with the config records, so the ingest answers
 * every batch with the desired revision from the one record it reads anyway. Config is written by
 * operators one command at a time; two concurrent `config apply` runs could leave a revision behind
 * until the next apply.
 */
async function refreshClusterRevisions(ctx: TableContext, scope: ConfigScope): Promise<void> {
  const [configs, clusters] = await Promise.all([
    queryAll(ctx, {
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": S(CONFIG_PK) },
      ConsistentRead: true,
    }),
    queryAll(ctx, {
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": S(CLUSTER_PK) },
      ConsistentRead: true,
    }),
  ]);
  const documents = new Map(configs.map((i) => [str(i, "sk") ?? "", toStored(i).document]));
  const affected = clusters.filter((c) => scope.cluster === undefined || str(c, "sk") === scope.cluster);
  await mapLimit(affected, ctx.writeConcurrency, async (cluster) => {
    const name = str(cluster, "sk") ?? "";
    const revision = mergeConfig(documents.get(DEFAULT_CONFIG_SK), documents.get(name)).revision;
    if (str(cluster, "configRevision") === revision) return;
    await setClusterRevision(ctx, name, revision);
  });
}

async function setClusterRevision(ctx: TableContext, name: string, revision: string): Promise<void> {
  try {
    await guard("UpdateItem", () =>
      ctx.client.send(
        new UpdateItemCommand({
          TableName: ctx.tableName,
          Key: keyAttrs(clusterKey(name)),
          UpdateExpression: "SET configRevision = :r",
          // A cluster removed meanwhile must not come back as a record with no secret.
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: { ":r": S(revision) },
        }),
      ),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}
