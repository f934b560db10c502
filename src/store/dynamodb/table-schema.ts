import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { sleep } from "./concurrency.ts";
import { INDEX } from "./keys.ts";
import { guard } from "./sdk-errors.ts";

export const TTL_ATTRIBUTE = "expiresAt";

/** The one table (DESIGN.md "Table"): string keys everywhere, both indexes projecting everything. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const attr = (AttributeName: string) => ({ AttributeName, AttributeType: "S" as const });
  const index = (IndexName: string, pk: string, sk: string) => ({
    IndexName,
    KeySchema: [
      { AttributeName: pk, KeyType: "HASH" as const },
      { AttributeName: sk, KeyType: "RANGE" as const },
    ],
    Projection: { ProjectionType: "ALL" as const },
  });
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"].map(attr),
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      index(INDEX.bundle, "gsi1pk", "gsi1sk"),
      index(INDEX.changes, "gsi2pk", "gsi2sk"),
    ],
  };
}

/**
 * Creates the table if it is missing and waits until it is ACTIVE (local tables and `dev`; on AWS
 * the CDK app owns it). An existing table without both indexes is refused rather than half used.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  timeoutMs = 120_000,
): Promise<void> {
  let table = await describe(client, tableName);
  if (!table) {
    try {
      await guard("CreateTable", () => client.send(new CreateTableCommand(tableDefinition(tableName))));
    } catch (error) {
      // Another process created it first; fine, wait for it like our own.
      if ((error as Error).name !== "ResourceInUseException") throw error;
    }
    await enableTtl(client, tableName);
  }
  const deadline = Date.now() + timeoutMs;
  for (
    table = await describe(client, tableName);
    table?.TableStatus !== "ACTIVE";
    table = await describe(client, tableName)
  ) {
    if (Date.now() > deadline)
      throw new Error(`table ${tableName} did not become ACTIVE within ${timeoutMs} ms`);
    await sleep(200);
  }
  const indexes = new Set((table.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  const missing = Object.values(INDEX).filter((name) => !indexes.has(name));
  if (missing.length > 0) {
    throw new Error(
      `table ${tableName} exists but lacks the index(es) ${missing.join(", ")}; it is not a status-recorder table`,
    );
  }
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    const out = await guard("DescribeTable", () =>
      client.send(new DescribeTableCommand({ TableName: tableName })),
    );
    return out.Table;
  } catch (error) {
    if ((error as Error).name === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

/** Local DynamoDB look-alikes (dynalite) have no TTL: expiry is also filtered on read, so that is fine. */
async function enableTtl(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    const name = (error as Error).name;
    if (
      name !== "UnknownOperationException" &&
      name !== "ValidationException" &&
      name !== "ResourceInUseException"
    ) {
      throw error;
    }
  }
}
