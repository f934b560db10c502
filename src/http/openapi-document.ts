import * as z from "zod";
import type { ApiResponse, ApiRoute } from "./api-routes.ts";

type JsonSchema = Record<string, unknown>;

export interface OpenApiOptions {
  info: { title: string; version: string };
  /** `components.securitySchemes`. */
  securitySchemes?: Record<string, unknown>;
  /** What every operation requires, unless the route is served before the auth middleware. */
  security?: Record<string, string[]>[];
}

/**
 * An OpenAPI 3.1 document of the routes. Its schemas are zod's own JSON Schema (draft 2020-12, which
 * OpenAPI 3.1 takes as it is): parameters as a client sends them (zod's input), replies as a handler
 * gives them (zod's output). A schema given an id (`.meta({ id: "Error" })`) becomes a component,
 * referenced wherever it is used.
 */
export function openApiDocument(routes: readonly ApiRoute[], options: OpenApiOptions) {
  const components = new ComponentSchemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = [
      ...parametersOf(route.params, "path", components),
      ...parametersOf(route.query, "query", components),
    ];
    const operation = {
      summary: route.summary,
      ...(parameters.length > 0 ? { parameters } : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, reply]) => [status, responseOf(reply, components)]),
      ),
    };
    paths[route.path] = { ...paths[route.path], [route.method]: operation };
  }
  return {
    openapi: "3.1.0",
    info: options.info,
    ...(options.security ? { security: options.security } : {}),
    paths,
    components: {
      schemas: components.all(),
      ...(options.securitySchemes ? { securitySchemes: options.securitySchemes } : {}),
    },
  };
}

function parametersOf(
  schema: z.ZodObject | undefined,
  where: "path" | "query",
  components: ComponentSchemas,
) {
  if (schema === undefined) return [];
  const object = components.schemaOf(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: where,
    // OpenAPI requires every path parameter to say so.
    required: where === "path" || (object.required ?? []).includes(name),
    ...(typeof description === "string" ? { description } : {}),
    schema: property,
  }));
}

function responseOf(reply: ApiResponse, components: ComponentSchemas) {
  if (reply.content === undefined) return { description: reply.description };
  const content = Object.fromEntries(
    Object.entries(reply.content).map(([type, schema]) => [
      type,
      { schema: components.schemaOf(schema, "output") },
    ]),
  );
  return { description: reply.description, content };
}

const DEFS = "#/$defs/";
const COMPONENTS = "#/components/schemas/";

/** The named schemas met so far, collected into `components.schemas`. */
class ComponentSchemas {
  readonly #schemas = new Map<string, JsonSchema>();

  /** The JSON Schema of one schema, its named parts moved to the components and referenced there. */
  schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const {
      $schema: _dialect,
      $defs,
      ...json
    } = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io,
      unrepresentable: "any",
      override: openObjects,
    });
    for (const [name, definition] of Object.entries($defs ?? {})) this.#add(name, definition);
    return referencingComponents(json);
  }

  all(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.#schemas].sort(([a], [b]) => a.localeCompare(b)));
  }

  #add(name: string, definition: unknown): void {
    const schema = referencingComponents(definition);
    const known = this.#schemas.get(name);
    // Two different shapes under one name would make one of them wrong wherever it is referenced.
    if (known !== undefined && JSON.stringify(known) !== JSON.stringify(schema))
      throw new Error(`two different schemas are named "${name}" in the OpenAPI document`);
    this.#schemas.set(name, schema);
  }
}

/**
 * zod says a plain object's output has no other properties, since parsing strips them. Replies are
 * typed by the schemas, not parsed by them, and a client must tolerate fields added later; only a
 * strict object (`z.strictObject`) promises none.
 */
const openObjects: NonNullable<z.core.ToJSONSchemaParams["override"]> = ({ zodSchema, jsonSchema }) => {
  const def = zodSchema._zod.def;
  if (def.type === "object" && def.catchall === undefined) delete jsonSchema.additionalProperties;
};

/** zod refers to a named schema within the one document (`#/$defs/X`); OpenAPI keeps them in components. */
function referencingComponents(json: unknown): JsonSchema {
  return JSON.parse(JSON.stringify(json), (key, value) =>
    key === "$ref" && typeof value === "string" && value.startsWith(DEFS)
      ? COMPONENTS + value.slice(DEFS.length)
      : value,
  );
}
