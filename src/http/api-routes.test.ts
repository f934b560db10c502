import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { ApiRoutes, apiRoute, honoPath } from "./api-routes.ts";
import { handleError } from "./error-handler.ts";

const itemRoute = apiRoute({
  method: "get",
  path: "/v1/shelves/{shelf}/items",
  summary: "items on a shelf",
  params: z.object({ shelf: z.string().regex(/^[a-z]+$/, "lowercase letters only") }),
  query: z.object({
    limit: z.coerce.number().int().min(1).max(10).optional(),
    tag: z.union([z.string(), z.array(z.string())]).optional(),
    sort: z.enum(["name", "age"]).optional(),
  }),
  responses: { 200: { description: "the items" } },
});

function newApp() {
  const app = new Hono();
  app.onError(handleError);
  return { app, routes: new ApiRoutes(app) };
}

const echo = newApp();
echo.routes.add(itemRoute, (c, input) => c.json(input));

describe("ApiRoutes", () => {
  it("hands the handler its path and query parsed by the route's schemas", async () => {
    const res = await echo.app.request("/v1/shelves/top/items?limit=3&tag=a");

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ params: { shelf: "top" }, query: { limit: 3, tag: "a" } });
  });

  it("gives a repeated query parameter as an array of its values", async () => {
    const res = await echo.app.request("/v1/shelves/top/items?tag=a&tag=b");

    expect(await res.json()).toMatchObject({ query: { tag: ["a", "b"] } });
  });

  it("answers 400 naming every wrong query parameter", async () => {
    const res = await echo.app.request("/v1/shelves/top/items?limit=0&sort=size");

    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: "bad_request",
      message: expect.stringMatching(/^query is invalid: limit: /),
      issues: [expect.stringMatching(/^limit: /), expect.stringMatching(/^sort: /)],
    });
  });

  it("answers 400 naming a wrong path parameter", async () => {
    const res = await echo.app.request("/v1/shelves/Top/items");

    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      message: "path is invalid: shelf: lowercase letters only",
      issues: ["shelf: lowercase letters only"],
    });
  });

  it("checks the query before the path, as one 400 per request", async () => {
    const res = await echo.app.request("/v1/shelves/Top/items?limit=0");

    expect(await res.json()).toMatchObject({ issues: [expect.stringMatching(/^limit: /)] });
  });

  it("answers a body the handler returns as its JSON 200 reply", async () => {
    const shelf = apiRoute({
      method: "get",
      path: "/v1/shelf",
      summary: "the shelf",
      responses: {
        200: { description: "it", content: { "application/json": z.object({ items: z.number() }) } },
      },
    });
    const { app, routes } = newApp();
    routes.add(shelf, async () => ({ items: 3 }));

    const res = await app.request("/v1/shelf");

    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ items: 3 });
  });

  it("lists the routes it registered, in order", () => {
    const other = apiRoute({ method: "get", path: "/v1/shelves", summary: "shelves", responses: {} });
    const { routes } = newApp();

    routes.add(itemRoute, (c) => c.text("")).add(other, (c) => c.text(""));

    expect(routes.routes).toEqual([itemRoute, other]);
  });
});

describe("honoPath", () => {
  it("turns OpenAPI's path template into Hono's", () => {
    expect(honoPath("/v2/projects/{project}/apps/{app}/status")).toBe(
      "/v2/projects/:project/apps/:app/status",
    );
  });
});
