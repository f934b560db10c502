import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { secretProblem } from "../../model/cluster-secret.ts";
import { type WatchReport, watchReportSchema } from "../../model/wire.ts";
import {
  ClusterExistsError,
  ClusterNotFoundError,
  InvalidClusterNameError,
  WeakSecretError,
} from "../errors.ts";
import type { ClusterCredentials, ClusterRecord } from "../records.ts";
import { type Item, keyAttrs, S, str } from "./codec.ts";
import { getEffectiveConfig } from "./config.ts";
import type { TableContext } from "./context.ts";
import { CLUSTER_PK, clusterKey, configKey } from "./keys.ts";
import { guard, isConditionFailed } from "./sdk-errors.ts";
import { queryAll } from "./table-query.ts";

/** DNS-label-like: safe inside keys (no "#"), URLs and metric labels. */
export const CLUSTER_NAME = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;

function toRecord(item: Item): ClusterRecord {
  const record: ClusterRecord = {
    name: str(item, "sk") ?? "",
    createdAt: str(item, "createdAt") ?? "",
    configRevision: str(item, "configRevision") ?? "",
  };
  for (const name of [
    "relayVersion",
    "lastSeen",
    "lastContact",
    "lastChangedAt",
    "secretRotatedAt",
    "previousValidUntil",
  ] as const) {
    const value = str(item, name);
    if (value !== undefined) record[name] = value;
  }
  const watch = watchReportOf(str(item, "watchReport"));
  if (watch) record.watch = watch;
  return record;
}

/** The stored watch report; one the schema no longer accepts is left out rather than failing a read. */
function watchReportOf(json: string | undefined): WatchReport | undefined {
  if (json === undefined) return undefined;
  try {
    const parsed = watchReportSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function readCluster(ctx: TableContext, name: string): Promise<Item | undefined> {
  const out = await guard("GetItem", () =>
    // Consistent: a relay registered a moment ago must not be turned away with a 401 (never retried).
    ctx.client.send(
      new GetItemCommand({ TableName: ctx.tableName, Key: keyAttrs(clusterKey(name)), ConsistentRead: true }),
    ),
  );
  return out.Item as Item | undefined;
}

export async function createCluster(ctx: TableContext, name: string, secret: string, now: Date) {
  if (!CLUSTER_NAME.test(name)) throw new InvalidClusterNameError(name);
  assertStrongSecret(secret);
  const item: Item = {
    ...keyAttrs(clusterKey(name)),
    createdAt: S(now.toISOString()),
    sealedSecret: S(await ctx.sealer.seal(secret, name)),
    configRevision: S((await getEffectiveConfig(ctx, name)).revision),
  };
  try {
    await guard("PutItem", () =>
      ctx.client.send(
        // Two `cluster add` runs for one name: the second must not replace the first one's secret.
        new PutItemCommand({
          TableName: ctx.tableName,
          Item: item,
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
  } catch (error) {
    if (isConditionFailed(error)) throw new ClusterExistsError(name, { cause: error });
    throw error;
  }
  return toRecord(item);
}

export async function getCluster(ctx: TableContext, name: string): Promise<ClusterRecord | undefined> {
  const item = await readCluster(ctx, name);
  return item ? toRecord(item) : undefined;
}

export async function getClusterCredentials(
  ctx: TableContext,
  name: string,
  now: Date,
): Promise<ClusterCredentials | undefined> {
  const item = await readCluster(ctx, name);
  if (!item) return undefined;
  const secrets = [await ctx.sealer.unseal(str(item, "sealedSecret") ?? "", name)];
  const previous = str(item, "previousSecret");
  const until = str(item, "previousValidUntil");
  if (previous && until && Date.parse(until) > now.getTime())
    secrets.push(await ctx.sealer.unseal(previous, name));
  return { cluster: toRecord(item), secrets };
}

export async function listClusters(ctx: TableContext): Promise<ClusterRecord[]> {
  const items = await queryAll(ctx, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": S(CLUSTER_PK) },
  });
  return items.map(toRecord);
}

export async function removeCluster(ctx: TableContext, name: string): Promise<void> {
  await mutate(name, async (condition) => {
    await guard("DeleteItem", () =>
      ctx.client.send(
        new DeleteItemCommand({ TableName: ctx.tableName, Key: keyAttrs(clusterKey(name)), ...condition }),
      ),
    );
  });
  await guard("DeleteItem", () =>
    ctx.client.send(
      new DeleteItemCommand({ TableName: ctx.tableName, Key: keyAttrs(configKey({ cluster: name })) }),
    ),
  );
}

/** The replaced secret stays valid until `now + graceSeconds`; a second rotation within it drops it. */
export async function rotateClusterSecret(
  ctx: TableContext,
  name: string,
  secret: string,
  now: Date,
  graceSeconds: number,
) {
  assertStrongSecret(secret);
  const sealed = await ctx.sealer.seal(secret, name);
  return mutate(name, async (condition) => {
    const out = await guard("UpdateItem", () =>
      ctx.client.send(
        new UpdateItemCommand({
          TableName: ctx.tableName,
          Key: keyAttrs(clusterKey(name)),
          UpdateExpression:
            "SET previousSecret = sealedSecret, sealedSecret = :s, previousValidUntil = :until, secretRotatedAt = :now",
          ExpressionAttributeValues: {
            ":s": S(sealed),
            ":until": S(new Date(now.getTime() + graceSeconds * 1000).toISOString()),
            ":now": S(now.toISOString()),
          },
          ReturnValues: "ALL_NEW",
          ...condition,
        }),
      ),
    );
    return toRecord(out.Attributes as Item);
  });
}

function assertStrongSecret(secret: string): void {
  const problem = secretProblem(secret);
  if (problem) throw new WeakSecretError(problem);
}

/** Runs a write conditioned on the cluster existing; a failed condition means it does not. */
async function mutate<T>(
  name: string,
  write: (condition: { ConditionExpression: string }) => Promise<T>,
): Promise<T> {
  try {
    return await write({ ConditionExpression: "attribute_exists(pk)" });
  } catch (error) {
    if (isConditionFailed(error)) throw new ClusterNotFoundError(name, { cause: error });
    throw error;
  }
}
