import { describe, expect, it } from "vitest";
import * as z from "zod";
import { apiRoute } from "./api-routes.ts";
import { openApiDocument } from "./openapi-document.ts";

const INFO = { info: { title: "shelves", version: "1" } };

const itemSchema = z
  .object({ name: z.string(), weight: z.number().optional().describe("in grams") })
  .meta({ id: "Item" });
const problemSchema = z.strictObject({ message: z.string() }).meta({ id: "Problem" });

const listItems = apiRoute({
  method: "get",
  path: "/v1/shelves/{shelf}/items",
  summary: "items on a shelf",
  params: z.object({
    shelf: z
      .string()
      .min(1)
      .meta({ examples: ["top"] }),
  }),
  query: z.object({
    limit: z.coerce.number().int().min(1).optional().describe("page size"),
    tag: z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .describe("repeat for several"),
  }),
  responses: {
    200: {
      description: "the items",
      content: { "application/json": z.object({ items: z.array(itemSchema) }) },
    },
    404: { description: "no such shelf", content: { "application/json": problemSchema } },
  },
});

const getItem = apiRoute({
  method: "get",
  path: "/v1/items/{name}",
  summary: "one item",
  params: z.object({ name: z.string() }),
  responses: { 200: { description: "the item", content: { "application/json": itemSchema } } },
});

const document = openApiDocument([listItems, getItem], {
  ...INFO,
  securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
  security: [{ bearerAuth: [] }],
});
const operation = document.paths["/v1/shelves/{shelf}/items"]?.get as {
  parameters: Record<string, unknown>[];
  responses: Record<string, { content: Record<string, { schema: unknown }> }>;
};

describe("openApiDocument", () => {
  it("is OpenAPI 3.1 with the given info, security and security schemes", () => {
    expect(document).toMatchObject({
      openapi: "3.1.0",
      info: INFO.info,
      security: [{ bearerAuth: [] }],
      components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } },
    });
  });

  it("lists each route under its path template and method, with its summary", () => {
    expect(Object.keys(document.paths)).toEqual(["/v1/shelves/{shelf}/items", "/v1/items/{name}"]);
    expect(document.paths["/v1/items/{name}"]).toMatchObject({ get: { summary: "one item" } });
  });

  it("describes path and query parameters as a client sends them", () => {
    expect(operation.parameters).toEqual([
      {
        name: "shelf",
        in: "path",
        required: true,
        schema: { type: "string", minLength: 1, examples: ["top"] },
      },
      {
        name: "limit",
        in: "query",
        required: false,
        description: "page size",
        schema: { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      },
      {
        name: "tag",
        in: "query",
        required: true,
        description: "repeat for several",
        schema: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
      },
    ]);
  });

  it("moves schemas with an id to the components and refers to them wherever they are used", () => {
    expect(operation.responses["200"]?.content["application/json"]?.schema).toEqual({
      type: "object",
      properties: { items: { type: "array", items: { $ref: "#/components/schemas/Item" } } },
      required: ["items"],
    });
    expect(document.paths["/v1/items/{name}"]).toMatchObject({
      get: {
        responses: {
          200: { content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } },
        },
      },
    });
    expect(Object.keys(document.components.schemas)).toEqual(["Item", "Problem"]);
  });

  it("promises no other properties only for strict objects, since replies are not stripped", () => {
    expect(document.components.schemas.Item).toEqual({
      type: "object",
      properties: { name: { type: "string" }, weight: { type: "number", description: "in grams" } },
      required: ["name"],
    });
    expect(document.components.schemas.Problem).toMatchObject({ additionalProperties: false });
  });

  it("refuses two different schemas under one name", () => {
    const impostor = z.object({ label: z.string() }).meta({ id: "Item" });
    const clash = apiRoute({
      method: "get",
      path: "/v1/labels",
      summary: "labels",
      responses: { 200: { description: "a label", content: { "application/json": impostor } } },
    });

    expect(() => openApiDocument([getItem, clash], INFO)).toThrow(/two different schemas are named "Item"/);
  });
});
