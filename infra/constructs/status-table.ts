import { RemovalPolicy } from "aws-cdk-lib";
import {
  type Attribute,
  AttributeType,
  Billing,
  type GlobalSecondaryIndexPropsV2,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";
import { TTL_ATTRIBUTE, tableDefinition } from "../../src/store/dynamodb/table-schema.ts";

export interface StatusTableProps {
  tableName: string;
  removalPolicy: RemovalPolicy;
  /** Regions that get a replica (a DynamoDB global table); empty for one region. */
  replicaRegions: readonly string[];
}

/**
 * The one table, shaped by the same `tableDefinition()` that creates local tables, so keys and indexes
 * cannot drift between AWS and `dev`. A TableV2 (a global table, even with no replica), so replicas
 * can be added later without replacing it.
 *
 * Encryption: the AWS-managed key (aws/dynamodb). Unlike DynamoDB's own key its use shows in CloudTrail,
 * and unlike a customer-managed key it costs nothing per month and needs no key per replica region.
 * Cluster secrets are sealed by the app before they are stored, so a CMK would protect no secret that
 * is not already encrypted.
 */
export class StatusTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: StatusTableProps) {
    super(scope, id);
    const def = tableDefinition(props.tableName);
    const attribute = (name: string | undefined): Attribute => {
      const found = def.AttributeDefinitions?.find((a) => a.AttributeName === name);
      if (!found?.AttributeName || found.AttributeType !== "S")
        throw new Error(`table definition: ${name} is not a string attribute`);
      return { name: found.AttributeName, type: AttributeType.STRING };
    };
    const keyOf = (schema: typeof def.KeySchema, type: "HASH" | "RANGE") =>
      attribute(schema?.find((k) => k.KeyType === type)?.AttributeName);
    const indexes: GlobalSecondaryIndexPropsV2[] = (def.GlobalSecondaryIndexes ?? []).map((index) => {
      if (index.Projection?.ProjectionType !== "ALL")
        throw new Error(`table definition: index ${index.IndexName} must project ALL`);
      return {
        indexName: index.IndexName ?? "",
        partitionKey: keyOf(index.KeySchema, "HASH"),
        sortKey: keyOf(index.KeySchema, "RANGE"),
        projectionType: ProjectionType.ALL,
      };
    });

    this.table = new TableV2(this, "Table", {
      tableName: def.TableName,
      partitionKey: keyOf(def.KeySchema, "HASH"),
      sortKey: keyOf(def.KeySchema, "RANGE"),
      globalSecondaryIndexes: indexes,
      billing: Billing.onDemand(),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Protection follows the removal policy: a retained table is guarded, a trial one can be torn down.
      deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: props.removalPolicy,
      replicas: props.replicaRegions.map((region) => ({
        region,
        deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      })),
    });
  }
}

/** The index names of `tableDefinition()`, for IAM statements that name each index instead of `index/*`. */
export const TABLE_INDEX_NAMES: readonly string[] = (tableDefinition("").GlobalSecondaryIndexes ?? []).map(
  (index) => index.IndexName ?? "",
);
