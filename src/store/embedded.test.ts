import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { createDynamoStatusStore } from "./dynamodb/dynamodb-status-store.ts";
import { ensureTable } from "./dynamodb/table-schema.ts";
import { type EmbeddedDynamo, startEmbeddedDynamo } from "./embedded.ts";
import { createAesGcmSealer } from "./secret-sealer.ts";
import { at, delta, HEALTHY, upsert } from "./testing/wire-events.ts";

const sealer = createAesGcmSealer(new Uint8Array(32));
const running: EmbeddedDynamo[] = [];
const dirs: string[] = [];

async function start(options: Parameters<typeof startEmbeddedDynamo>[0]) {
  const db = await startEmbeddedDynamo(options);
  running.push(db);
  return db;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((db) => db.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("embedded table", () => {
  it("serves the DynamoDB API on a loopback port with the table created", async () => {
    const db = await start({ memory: true });
    expect(db.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const tables = await db.client.send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual(["status-recorder"]);
  });

  it("keeps what was recorded across a restart when given a data folder", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "status-recorder-"));
    dirs.push(dataDir);
    const first = await start({ dataDir: join(dataDir, "nested") });
    await createDynamoStatusStore({ ...first, sealer }).applyBatch(
      "c1",
      delta([upsert("web", 1, HEALTHY)]),
      at(0),
    );
    await first.close();
    running.splice(running.indexOf(first), 1);

    const second = await start({ dataDir: join(dataDir, "nested") });
    const store = createDynamoStatusStore({ ...second, sealer });
    const found = await store.getObject("c1", {
      group: "apps",
      kind: "Deployment",
      namespace: "default",
      name: "web",
    });
    expect(found?.status).toEqual(HEALTHY);
  });

  it("leaves an existing table as it is", async () => {
    const db = await start({ memory: true });
    await ensureTable(db.client, db.tableName);
    await createDynamoStatusStore({ ...db, sealer }).applyBatch(
      "c1",
      delta([upsert("web", 1, HEALTHY)]),
      at(0),
    );
    await ensureTable(db.client, db.tableName);
    expect((await createDynamoStatusStore({ ...db, sealer }).listObjects("c1")).items).toHaveLength(1);
  });

  it("refuses a table that lacks the indexes", async () => {
    const db = await start({ memory: true });
    await db.client.send(
      new CreateTableCommand({
        TableName: "other",
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      }),
    );
    await expect(ensureTable(db.client, "other")).rejects.toThrow(/lacks the index/);
  });
});
