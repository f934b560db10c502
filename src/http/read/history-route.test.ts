import { describe, expect, it, onTestFinished } from "vitest";
import { interceptEvery } from "../../store/testing/intercept.ts";
import { HEALTHY, upsert } from "../../store/testing/wire-events.ts";
import { getJson, useReadTable } from "./read-test-kit.ts";

// What a history request costs the table: the store says whether it holds the object, so the
// route never reads the object again to answer 404.

const t = useReadTable();

/** Counts the GetItem requests the table receives until the test ends. */
function countGets(): { count: number } {
  const seen = { count: 0 };
  onTestFinished(
    interceptEvery(
      t.table.db.client,
      (command) => command === "GetItemCommand",
      async () => {
        seen.count++;
      },
    ),
  );
  return seen;
}

describe("GET /v1/clusters/{cluster}/history", () => {
  it("answers 404 for an object never recorded with one read of the table's item", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [upsert("web", 1, HEALTHY)]);
    const app = t.app();
    const gets = countGets();

    const res = await getJson(app, `/v1/clusters/${cluster}/history?group=apps&kind=Deployment&name=gone`);

    expect(res.status).toBe(404);
    expect(gets.count).toBe(1);
  });

  it("answers an object's history with one read of its item, without a flag of its own", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [upsert("web", 1, HEALTHY)]);
    const app = t.app();
    const gets = countGets();

    const res = await getJson<Record<string, unknown>>(
      app,
      `/v1/clusters/${cluster}/history?group=apps&kind=Deployment&namespace=default&name=web`,
    );

    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["items", "objectKey"]);
    expect(gets.count).toBe(1);
  });
});
