import { Effect, type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { TABLE_INDEX_NAMES } from "./constructs/status-table.ts";

/**
 * What each function may do to the table, as data: the DynamoDB calls its code makes and nothing more.
 * The ingest applies batches (BatchGetItem to read current items, conditional PutItem/UpdateItem,
 * BatchWriteItem for history and snapshot parts, Query and DeleteItem for snapshot bookkeeping) and
 * reads cluster records and config (GetItem); it never queries an index. The read function only reads.
 */
export const TABLE_ACCESS = {
  ingest: {
    actions: [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:Query",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
    ],
    indexes: false,
  },
  read: {
    actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"],
    indexes: true,
  },
} as const satisfies Record<string, { actions: readonly string[]; indexes: boolean }>;

export type TableAccess = keyof typeof TABLE_ACCESS;

/** Grants `access` on the table ARN (and each index by name when the access reads indexes). */
export function grantTableAccess(grantee: IGrantable, tableArn: string, access: TableAccess): void {
  const { actions, indexes } = TABLE_ACCESS[access];
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: `StatusTable${access === "ingest" ? "Ingest" : "Read"}`,
      effect: Effect.ALLOW,
      actions: [...actions],
      resources: [tableArn, ...(indexes ? TABLE_INDEX_NAMES.map((name) => `${tableArn}/index/${name}`) : [])],
    }),
  );
}
