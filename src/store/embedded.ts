import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { ensureTable } from "./dynamodb/table-schema.ts";

export type EmbeddedDynamoOptions = ({ dataDir: string } | { memory: true }) & { tableName?: string };

export interface EmbeddedDynamo {
  /** `http://127.0.0.1:{port}`: what `--endpoint-url` takes, so admin commands reach this table. */
  endpoint: string;
  client: DynamoDBClient;
  tableName: string;
  close(): Promise<void>;
}

export const DEFAULT_TABLE_NAME = "status-recorder";

/**
 * A DynamoDB-compatible server (dynalite) in this process, on a free loopback port, with the table
 * created. Used by tests, `dev` and the bench; the store talks to it over the real DynamoDB API.
 */
export async function startEmbeddedDynamo(options: EmbeddedDynamoOptions): Promise<EmbeddedDynamo> {
  const path = "dataDir" in options ? options.dataDir : undefined;
  if (path !== undefined) mkdirSync(path, { recursive: true });
  const server = dynalite({
    ...(path !== undefined ? { path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    // dynalite checks that requests are signed, not by whom: any fixed credentials do.
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  const close = async () => {
    client.destroy();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  };
  try {
    await ensureTable(client, tableName);
  } catch (error) {
    await close();
    throw error;
  }
  return { endpoint, client, tableName, close };
}
