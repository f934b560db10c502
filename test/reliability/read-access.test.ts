import { describe, expect, test } from "vitest";
import { bearer, NOW, useReadTable } from "../../src/http/read/read-test-kit.ts";
import { deploymentEvent } from "../support/signed-request.ts";

// Every read route, taken from the OpenAPI document the app serves (so a new route is covered the
// day it is added), asked without a token and with a wrong, revoked, expired or other-cluster token:
// refused, and no answer names the cluster or its objects.

const t = useReadTable();

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

/** A concrete path for each documented GET route, path parameters filled with the secret cluster's. */
function concrete(template: string, cluster: string): string {
  const values: Record<string, string> = { cluster, namespace: "default", name: "classified-web" };
  const path = template.replace(/\{(\w+)\}/g, (_, param: string) => values[param] ?? "x");
  if (path.includes("/history"))
    return `${path}?group=apps&kind=Deployment&namespace=default&name=classified-web`;
  if (path === "/federate") return `${path}?match[]=${encodeURIComponent('{__name__=~".+"}')}`;
  return path;
}

describe("reads refused on every route", () => {
  test("without a token, or with a wrong, revoked, expired or other cluster's token, nothing leaks", async () => {
    const secret = await t.cluster();
    await t.record(secret, [deploymentEvent("classified-web", 1)]);
    const other = await t.cluster();
    const app = t.app({ auth: undefined });
    const revoked = await t.token({ name: "revoked-reader" });
    await t.table.store.revokeReadTokens("revoked-reader", NOW);
    const credentials: Record<string, Record<string, string>> = {
      none: {},
      "not a bearer": { authorization: "Basic dXNlcjpwYXNz" },
      wrong: bearer("srr_0000000000000000000000000000000000000000000"),
      revoked: bearer(revoked),
      expired: bearer(await t.token({ name: "expired-reader", expiresAt: new Date(NOW.getTime() - 1_000) })),
      "other cluster's": bearer(await t.token({ name: "other-reader", clusters: [other] })),
    };
    const open = await app.request("/openapi.json");
    const routes = Object.entries(((await open.json()) as OpenApi).paths)
      .filter(([, methods]) => "get" in methods)
      .map(([template]) => template)
      .filter((template) => template !== "/openapi.json");
    expect(routes.length).toBeGreaterThanOrEqual(8);

    const leaks: string[] = [];
    for (const template of routes) {
      const path = concrete(template, secret);
      for (const [what, headers] of Object.entries(credentials)) {
        const res = await app.request(path, { headers });
        const text = await res.text();
        const limited = what === "other cluster's";
        // A token limited to other clusters may read the fleet's routes, seeing only its own clusters
        // (or nothing there: 404); anyone else is refused outright.
        const allowed = limited ? [200, 403, 404] : [401];
        if (!allowed.includes(res.status)) leaks.push(`${what} ${path}: ${res.status}`);
        // Named as JSON names it, or as a metric label does.
        if (text.includes(`"${secret}"`) || text.includes("classified-web"))
          leaks.push(`${what} ${path} names the cluster or its object: ${text.slice(0, 200)}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
