import { describe, expect, it } from "vitest";
import { getJson, useReadTable } from "./read/read-test-kit.ts";

const t = useReadTable();

interface Operation {
  parameters?: { name: string; in: string; required: boolean }[];
  responses: Record<string, unknown>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const documentOf = async () => (await getJson<Document>(t.app({ auth: undefined }), "/openapi.json")).body;

/** Every `$ref` anywhere in the document. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "$ref" && typeof inner === "string" ? [inner] : refsIn(inner),
  );
}

describe("the read app's /openapi.json", () => {
  it("is an OpenAPI 3.1 document", async () => {
    const document = await documentOf();

    expect(document.openapi).toBe("3.1.0");
  });

  it("refers only to schemas its components hold", async () => {
    const document = await documentOf();
    const names = refsIn(document).map((ref) => ref.replace(/^#\/components\/schemas\//, ""));

    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !(name in document.components.schemas))).toEqual([]);
  });

  it("declares every parameter of each path template as a required path parameter", async () => {
    const document = await documentOf();

    for (const [path, operations] of Object.entries(document.paths)) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(operations)) {
        const declared = (operation.parameters ?? []).filter((p) => p.in === "path");
        expect(
          declared.map((p) => p.name),
          path,
        ).toEqual(templated);
        expect(declared.every((p) => p.required)).toBe(true);
      }
    }
  });

  it("describes the 401 every guarded route can answer", async () => {
    const document = await documentOf();

    for (const [path, operations] of Object.entries(document.paths))
      for (const operation of Object.values(operations))
        expect(Object.keys(operation.responses), path).toContain("401");
  });
});
