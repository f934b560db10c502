import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDynamoStatusStore } from "../store/dynamodb/dynamodb-status-store.ts";
import { createAesGcmSealer, parseSealingKey } from "../store/secret-sealer.ts";
import type { StatusStore } from "../store/status-store.ts";
import { type LambdaEnv, readLambdaEnv } from "./env.ts";

export interface LambdaDeps {
  env: LambdaEnv;
  store: StatusStore;
}

/** Everything a function needs, built once per cold start: one SDK client reused by every invocation. */
export function createLambdaDeps(env: LambdaEnv = readLambdaEnv()): LambdaDeps {
  const client = new DynamoDBClient({
    region: env.AWS_REGION,
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
  });
  const sealer = createAesGcmSealer(parseSealingKey(env.SEALING_KEY));
  return { env, store: createDynamoStatusStore({ client, tableName: env.TABLE_NAME, sealer }) };
}
