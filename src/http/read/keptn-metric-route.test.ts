import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { getJson, objectEvent, useReadTable } from "./read-test-kit.ts";

const t = useReadTable();
const ok = loadFixture("keptnmetric/ok.yaml");
const path = (cluster: string, name = "checkout-error-rate") =>
  `/v1/clusters/${cluster}/metrics/shop/${name}`;

describe("GET /v1/clusters/{cluster}/metrics/{namespace}/{name}", () => {
  it("answers a KeptnMetric's recorded value, for jsonPath {$.value}", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [objectEvent(ok, 30884712)]);

    const res = await getJson(t.app(), path(cluster));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      namespace: "shop",
      metric: "checkout-error-rate",
      value: 0.0023148148148148147,
      observedAt: expect.any(String),
    });
  });

  it("answers 404 for a metric that was never recorded", async () => {
    const cluster = await t.cluster();

    const res = await getJson(t.app(), path(cluster, "nope"));

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: expect.stringContaining("KeptnMetric shop/nope") });
  });

  it("answers 404 with the operator's reason when the metric has no value", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [objectEvent(loadFixture("keptnmetric/err-msg.yaml"), 5)]);

    const res = await getJson(t.app(), `/v1/clusters/${cluster}/metrics/podtato-kubectl/available-cpus`);

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: expect.stringContaining("has no value: Post ") });
  });

  it("answers 404 once the metric is deleted", async () => {
    const cluster = await t.cluster();
    await t.record(cluster, [objectEvent(ok, 10)]);
    await t.record(cluster, [{ ...objectEvent(ok, 11), type: "DELETE" }]);

    const res = await getJson(t.app(), path(cluster));

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: expect.stringContaining("was deleted") });
  });

  it("answers 503 rather than a stale cluster's last value", async () => {
    const cluster = await t.cluster(3600);
    await t.record(cluster, [objectEvent(ok, 10)]);

    const res = await getJson(t.app(), path(cluster));

    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ message: expect.stringContaining("may be out of date") });
  });
});
