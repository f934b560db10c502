import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { bearer, getJson, useReadTable } from "./read-test-kit.ts";

const t = useReadTable();

type TargetGroups = { targets: string[]; labels: Record<string, string> }[];

describe("GET /v1/targets", () => {
  it("gives one http_sd target group per cluster, pointing back at this host", async () => {
    const cluster = await t.cluster();

    const res = await getJson<TargetGroups>(t.app(), "https://reads.example.com/v1/targets");

    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body.find((g) => g.labels.cluster === cluster)).toEqual({
      targets: ["reads.example.com"],
      labels: { __metrics_path__: "/metrics", __scheme__: "https", __param_cluster: cluster, cluster },
    });
  });

  it("follows the proxy's forwarded host and scheme, and the path prefix it is mounted under", async () => {
    await t.cluster();
    const mounted = new Hono().route("/prod", t.app());

    const res = await mounted.request("http://10.0.0.7:8787/prod/v1/targets", {
      headers: { "x-forwarded-host": "status.example.org:8443", "x-forwarded-proto": "https" },
    });

    expect(((await res.json()) as TargetGroups)[0]).toMatchObject({
      targets: ["status.example.org:8443"],
      labels: { __metrics_path__: "/prod/metrics", __scheme__: "https" },
    });
  });

  it("lists only the clusters the token may read", async () => {
    const mine = await t.cluster();
    await t.cluster();
    const token = await t.token({ clusters: [mine] });

    const res = await getJson<TargetGroups>(
      t.app({ auth: undefined }),
      "http://localhost/v1/targets",
      bearer(token),
    );

    expect(res.body.map((g) => g.labels.cluster)).toEqual([mine]);
  });
});
