import type { Context, Env, Hono } from "hono";
import type * as z from "zod";
import { parseOrBadRequest } from "./validate.ts";

// A route is written once, as a row: its method, path, summary and the zod schemas of its parameters
// and replies. The same row validates requests at the edge and describes the route in /openapi.json
// (openapi-document.ts), so what the document says is what the handler gets.

/** A reply a route can give: its description and, per media type, the schema of its body. */
export interface ApiResponse {
  description: string;
  content?: Readonly<Record<string, z.ZodType>>;
}

export interface ApiRoute {
  method: "get";
  /** As OpenAPI writes it: `/v1/clusters/{cluster}`. */
  path: string;
  summary: string;
  /** One field per path parameter, each a string as it came in the URL. */
  params?: z.ZodObject;
  /** One field per query parameter: a string, or an array of strings when it is repeated. */
  query?: z.ZodObject;
  responses: Readonly<Record<number, ApiResponse>>;
}

type Parsed<R, K extends "params" | "query"> = R extends { [P in K]: infer S extends z.ZodType }
  ? z.output<S>
  : Record<string, never>;

/** What a handler gets besides the context: its parameters, parsed by the route's schemas. */
export interface RouteInput<R extends ApiRoute> {
  params: Parsed<R, "params">;
  query: Parsed<R, "query">;
}

/** The body of the route's JSON 200 reply, typed by its schema; `never` when the route has none. */
export type JsonReply<R> = R extends {
  responses: { 200: { content: { "application/json": infer S extends z.ZodType } } };
}
  ? z.output<S>
  : never;

/** Answers with a Response, or with the body of its JSON 200 reply, which the schema types. */
export type RouteHandler<E extends Env, R extends ApiRoute> = (
  c: Context<E>,
  input: RouteInput<R>,
) => Response | JsonReply<R> | Promise<Response | JsonReply<R>>;

/** Keeps a route's literal type, so its handler's input is typed by its schemas. */
export const apiRoute = <const R extends ApiRoute>(route: R): R => route;

/** Registers routes on a Hono app and remembers them, for the document that describes them. */
export class ApiRoutes<E extends Env> {
  readonly #app: Hono<E>;
  readonly #routes: ApiRoute[] = [];

  constructor(app: Hono<E>) {
    this.#app = app;
  }

  /** Every route registered so far, in order. */
  get routes(): readonly ApiRoute[] {
    return this.#routes;
  }

  /**
   * Serves the route: a request whose query or path breaks the route's schemas is a 400 naming every
   * wrong parameter (query first, then path); otherwise the handler gets them parsed. A body it
   * returns is the 200 reply, as JSON.
   */
  add<const R extends ApiRoute>(route: R, handler: RouteHandler<E, R>): this {
    this.#routes.push(route);
    this.#app.on(route.method.toUpperCase(), honoPath(route.path), async (c) => {
      const query = route.query ? parseOrBadRequest(route.query, queryOf(c), "query") : {};
      const params = route.params ? parseOrBadRequest(route.params, c.req.param(), "path") : {};
      const reply = await handler(c, { params, query } as RouteInput<R>);
      return reply instanceof Response ? reply : c.json(reply as object, 200);
    });
    return this;
  }
}

/** `/v1/clusters/{cluster}` → `/v1/clusters/:cluster`. */
export function honoPath(path: string): string {
  return path.replaceAll(/\{([^}]+)\}/g, ":$1");
}

/** A parameter given once is a string, one given more than once an array of them. */
function queryOf(c: Context): Record<string, string | string[]> {
  // fromEntries defines own properties, so even a parameter named __proto__ is only a parameter.
  return Object.fromEntries(
    Object.entries(c.req.queries()).map(([name, values]) => [
      name,
      values.length === 1 ? (values[0] as string) : values,
    ]),
  );
}
