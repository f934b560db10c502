import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestTable } from "../store/testing/test-store.ts";
import { UsageError } from "./command.ts";
import { fakeIo } from "./fake-io.ts";
import { withTable } from "./table-connection.ts";

const table = useTestTable();
const KEY = randomBytes(32).toString("base64");

const local = () => ({ "endpoint-url": table.db.endpoint, table: table.db.tableName });
const listClusters = (values: Parameters<typeof withTable>[0], io = fakeIo(), sealing = false) =>
  withTable(values, io, { sealing }, (store) => store.listClusters());

describe("withTable", () => {
  it("reaches a local table with --endpoint-url and no AWS credentials in the environment", async () => {
    await expect(listClusters(local())).resolves.toBeInstanceOf(Array);
  });

  it("reads the sealing key from --sealing-key-file", async () => {
    const io = fakeIo({ "sealing.key": `${KEY}\n` });
    const values = { ...local(), "sealing-key-file": "sealing.key" };

    await expect(
      withTable(values, io, { sealing: true }, (store) =>
        store.createCluster(table.cluster(), "s3cret-0123456789", new Date()),
      ),
    ).resolves.toMatchObject({ createdAt: expect.any(String) });
  });

  it("is a usage error when a command that seals secrets gets no sealing key", async () => {
    await expect(listClusters(local(), fakeIo(), true)).rejects.toThrow(
      new UsageError(
        "no sealing key: pass --sealing-key-file FILE or set STATUS_RECORDER_SEALING_KEY (32 bytes as base64 or 64 hex digits)",
      ),
    );
  });

  it("names the source of a sealing key that is not 32 bytes", async () => {
    const io = fakeIo({}, "", { STATUS_RECORDER_SEALING_KEY: "c2hvcnQ=" });

    await expect(listClusters(local(), io, true)).rejects.toThrow(
      /^STATUS_RECORDER_SEALING_KEY: the sealing key must be 32 bytes/,
    );
  });

  it("names a sealing key file it cannot read", async () => {
    await expect(listClusters({ ...local(), "sealing-key-file": "gone.key" })).rejects.toThrow(
      "--sealing-key-file gone.key: cannot read: no such file",
    );
  });

  it("says which table does not exist", async () => {
    await expect(listClusters({ ...local(), table: "no-such-table" })).rejects.toThrow(
      `table "no-such-table" at ${table.db.endpoint} does not exist (check --table, --region and --endpoint-url)`,
    );
  });

  it("says which table it cannot reach", async () => {
    await expect(listClusters({ "endpoint-url": "http://127.0.0.1:9" })).rejects.toThrow(
      /^cannot reach table "status-recorder" at http:\/\/127\.0\.0\.1:9: /,
    );
  });

  it("is a usage error when --endpoint-url is not an http URL", async () => {
    await expect(listClusters({ "endpoint-url": "localhost:8000" })).rejects.toThrow(UsageError);
  });
});
