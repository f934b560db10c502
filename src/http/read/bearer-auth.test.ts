import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { at } from "../../store/testing/wire-events.ts";
import type { ReadEnv } from "./read-env.ts";
import { bearer, getJson, NOW, useReadTable } from "./read-test-kit.ts";

const t = useReadTable();
/** The app as deployed: read tokens in the table. */
const tokenApp = (deps: Parameters<typeof t.app>[0] = {}) => t.app({ auth: undefined, ...deps });

describe("reads with read tokens", () => {
  it("answer 401 with a Bearer challenge when no token is sent", async () => {
    const res = await getJson(tokenApp(), "/v1/clusters");

    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="status-recorder"');
    expect(res.body).toMatchObject({ error: "unauthorized", message: expect.stringContaining("Bearer") });
  });

  it("answer 401 for a header that is not a bearer token", async () => {
    const res = await getJson(tokenApp(), "/v1/clusters", { authorization: "Basic dXNlcjpwYXNz" });

    expect(res.status).toBe(401);
  });

  it("answer 401 for a token the table does not know", async () => {
    const res = await getJson(tokenApp(), "/v1/clusters", bearer("srr_not-a-real-token"));

    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ message: "the bearer token is not a valid read token" });
  });

  it("answer 200 for a valid token", async () => {
    const token = await t.token();

    expect((await getJson(tokenApp(), "/v1/clusters", bearer(token))).status).toBe(200);
  });

  it("answer 401 for a revoked token", async () => {
    const token = await t.token({ name: "revoked-one" });
    await t.table.store.revokeReadTokens("revoked-one", at(1));

    const res = await getJson(tokenApp(), "/v1/clusters", bearer(token));

    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ message: expect.stringContaining("was revoked") });
  });

  it("answer 401 for an expired token", async () => {
    const token = await t.token({ expiresAt: new Date(NOW.getTime() - 1000) });

    const res = await getJson(tokenApp(), "/v1/clusters", bearer(token));

    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ message: expect.stringContaining("expired at") });
  });

  it("answer 403 when the token does not cover the cluster asked for", async () => {
    const allowed = await t.cluster();
    const other = await t.cluster();
    const token = await t.token({ clusters: [allowed] });
    const app = tokenApp();

    const denied = await getJson(app, `/v1/clusters/${other}/objects`, bearer(token));
    const ok = await getJson(app, `/v1/clusters/${allowed}/objects`, bearer(token));

    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ message: `token "reader" may not read cluster "${other}"` });
    expect(ok.status).toBe(200);
  });

  it("keep trusting a verified token for the cache time, then see its revocation", async () => {
    const token = await t.token({ name: "cached-one" });
    let now = NOW;
    const app = tokenApp({ clock: () => now, tokenCacheMs: 60_000 });
    await getJson(app, "/v1/clusters", bearer(token));
    await t.table.store.revokeReadTokens("cached-one", at(1));

    const within = await getJson(app, "/v1/clusters", bearer(token));
    now = new Date(NOW.getTime() + 60_000);
    const after = await getJson(app, "/v1/clusters", bearer(token));

    expect(within.status).toBe(200);
    expect(after.status).toBe(401);
  });
});

describe("reads with a fixed token (dev --read-token)", () => {
  it("accept that token and refuse any other", async () => {
    const app = t.app({ auth: { token: "dev-token" } });

    expect((await getJson(app, "/v1/clusters", bearer("dev-token"))).status).toBe(200);
    expect((await getJson(app, "/v1/clusters", bearer("dev-token-2"))).status).toBe(401);
  });
});

describe("reads with auth off (dev --no-auth)", () => {
  it("need no token", async () => {
    expect((await getJson(t.app({ auth: { disabled: true } }), "/v1/clusters")).status).toBe(200);
  });
});

describe("the metrics routes mounted into the read app", () => {
  it("sit behind the same auth and see the token's clusters", async () => {
    const cluster = await t.cluster();
    const token = await t.token({ clusters: [cluster] });
    const metrics = new Hono<ReadEnv>().get("/metrics", (c) =>
      c.text([...(c.get("readAccess").clusters ?? [])].join(",")),
    );
    const app = tokenApp({ metrics });

    const anonymous = await app.request("/metrics");
    const res = await app.request("/metrics", { headers: bearer(token) });

    expect(anonymous.status).toBe(401);
    expect(await res.text()).toBe(cluster);
  });
});

describe("/openapi.json", () => {
  it("is served without a token and describes every route", async () => {
    const res = await getJson<{ paths: Record<string, unknown> }>(tokenApp(), "/openapi.json");

    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths).sort()).toEqual([
      "/federate",
      "/metrics",
      "/v1/clusters",
      "/v1/clusters/{cluster}/history",
      "/v1/clusters/{cluster}/metrics/{namespace}/{name}",
      "/v1/clusters/{cluster}/objects",
      "/v1/targets",
      "/v2/projects/{project}/composite-apps/{compositeApp}/{version}/deployment-intent-groups/{dig}/status",
    ]);
  });
});
