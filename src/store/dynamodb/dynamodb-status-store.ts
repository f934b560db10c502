import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SecretSealer } from "../secret-sealer.ts";
import type { StatusStore } from "../status-store.ts";
import { applyBatch } from "./apply-batch.ts";
import { touchCluster } from "./cluster-visit.ts";
import * as clusters from "./clusters.ts";
import * as config from "./config.ts";
import { DEFAULTS, type TableContext } from "./context.ts";
import * as queries from "./queries.ts";
import * as tokens from "./tokens.ts";

export interface DynamoStatusStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  sealer: SecretSealer;
  historyTtlSeconds?: number;
  snapshotTtlSeconds?: number;
  writeConcurrency?: number;
}

/** The StatusStore over one DynamoDB table (AWS, or the embedded dynalite: the adapter cannot tell). */
export function createDynamoStatusStore(options: DynamoStatusStoreOptions): StatusStore {
  const ctx: TableContext = { ...DEFAULTS, ...stripUndefined(options) };
  return {
    applyBatch: (cluster, batch, now, refused) => applyBatch(ctx, cluster, batch, now, refused),
    getObject: (cluster, ref) => queries.getObject(ctx, cluster, ref),
    listObjects: (cluster, query) => queries.listObjects(ctx, cluster, query),
    listChangedSince: (cluster, since, page) => queries.listChangedSince(ctx, cluster, since, page),
    listBundle: (bundleKey, page) => queries.listBundle(ctx, bundleKey, page),
    listHistory: (cluster, objectKey, page, now) => queries.listHistory(ctx, cluster, objectKey, page, now),
    createCluster: (name, secret, now) => clusters.createCluster(ctx, name, secret, now),
    getCluster: (name) => clusters.getCluster(ctx, name),
    getClusterCredentials: (name, now) => clusters.getClusterCredentials(ctx, name, now),
    listClusters: () => clusters.listClusters(ctx),
    removeCluster: (name) => clusters.removeCluster(ctx, name),
    rotateClusterSecret: (name, secret, now, grace) =>
      clusters.rotateClusterSecret(ctx, name, secret, now, grace),
    touchCluster: (cluster, visit) => touchCluster(ctx, cluster, visit),
    putConfig: (scope, raw, document, now) => config.putConfig(ctx, scope, raw, document, now),
    getConfig: (scope) => config.getConfig(ctx, scope),
    deleteConfig: (scope) => config.deleteConfig(ctx, scope),
    getEffectiveConfig: (cluster) => config.getEffectiveConfig(ctx, cluster),
    listConfigs: () => config.listConfigs(ctx),
    createReadToken: (hash, token, now) => tokens.createReadToken(ctx, hash, token, now),
    findReadToken: (hash) => tokens.findReadToken(ctx, hash),
    listReadTokens: () => tokens.listReadTokens(ctx),
    revokeReadTokens: (nameOrId, now) => tokens.revokeReadTokens(ctx, nameOrId, now),
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
