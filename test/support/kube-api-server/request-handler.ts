import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { apiGroupDocument, apiGroupList, apiResourceList, apiVersions } from "./discovery.ts";
import type { Faults } from "./faults.ts";
import { sendJson, sendStatus } from "./http-io.ts";
import { listBody } from "./list-handler.ts";
import { type ListOptions, parseListOptions } from "./list-options.ts";
import {
  createObject,
  deleteCollection,
  deleteObject,
  getObject,
  type ObjectContext,
  patchObject,
  replaceObject,
} from "./object-handlers.ts";
import type { RecordedRequest, RequestLog } from "./request-log.ts";
import type { ResourceRegistry } from "./resource-registry.ts";
import { resourceId } from "./resource-type.ts";
import { type ApiPath, parseApiPath, type ResourcePath } from "./route.ts";
import { StatusError, statuses, statusForCode } from "./status.ts";
import { serveWatch } from "./watch-handler.ts";
import type { WatchHub } from "./watch-hub.ts";

export interface ServerContext extends ObjectContext {
  registry: ResourceRegistry;
  hub: WatchHub;
  faults: Faults;
  log: RequestLog;
  token: string;
  user: string;
  address: () => string;
}

const PROBES = new Set(["/healthz", "/readyz", "/livez"]);
const VERSION_INFO = {
  major: "1",
  minor: "33",
  gitVersion: "v1.33.0",
  goVersion: "go1.24.2",
  platform: "linux/amd64",
};

function verbOf(method: string | undefined, path: ResourcePath, opts: ListOptions): string | undefined {
  switch (method) {
    case "GET":
      if (path.legacyWatch) return "watch";
      return path.name ? "get" : opts.watch ? "watch" : "list";
    case "POST":
      return path.name ? undefined : "create";
    case "PUT":
      return path.name ? "update" : undefined;
    case "PATCH":
      return path.name ? "patch" : undefined;
    case "DELETE":
      return path.name ? "delete" : "deletecollection";
    default:
      return undefined;
  }
}

function serveDiscovery(ctx: ServerContext, res: ServerResponse, path: Exclude<ApiPath, ResourcePath>): void {
  const body =
    path.type === "coreVersions"
      ? apiVersions(ctx.registry, ctx.address())
      : path.type === "groupList"
        ? apiGroupList(ctx.registry)
        : path.type === "group"
          ? apiGroupDocument(ctx.registry, path.group)
          : apiResourceList(ctx.registry, path.group, path.version);
  if (!body) throw new StatusError(statuses.pathNotFound());
  sendJson(res, 200, body);
}

async function serveResource(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: ResourcePath,
  url: URL,
  record: RecordedRequest,
) {
  const opts = parseListOptions(url.searchParams);
  const verb = verbOf(req.method, path, opts);
  if (!verb) throw new StatusError(statuses.methodNotAllowed());
  ctx.log.annotate(record, verb, resourceId(path.rt));
  const collectionWide = verb === "list" || verb === "watch" || verb === "deletecollection";
  if (path.rt.namespaced && path.namespace === undefined && !collectionWide)
    throw new StatusError(verb === "create" ? statuses.methodNotAllowed() : statuses.pathNotFound());
  if (ctx.faults.isForbidden(path.rt, verb))
    throw new StatusError(statuses.forbidden(path.rt, ctx.user, verb, path.namespace));
  const injected = ctx.faults.takeFailure(path.rt, verb);
  if (injected !== undefined) throw new StatusError(statusForCode(injected));
  switch (verb) {
    case "list": {
      const body = listBody(ctx.store, path, opts);
      if (ctx.faults.listDelayMs > 0) await delay(ctx.faults.listDelayMs);
      return sendJson(res, 200, body);
    }
    case "watch":
      return serveWatch(ctx.store, ctx.hub, res, path, opts);
    case "get":
      return getObject(ctx, res, path);
    case "create":
      return createObject(ctx, req, res, path);
    case "update":
      return replaceObject(ctx, req, res, path);
    case "patch":
      return patchObject(ctx, req, res, path);
    case "delete":
      return deleteObject(ctx, res, path);
    default:
      return deleteCollection(ctx, res, path, opts);
  }
}

async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const record: RecordedRequest = {
    method: req.method ?? "GET",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
  };
  ctx.log.record(record);
  if (PROBES.has(url.pathname)) {
    res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
    res.end("ok");
    return;
  }
  if (req.headers.authorization !== `Bearer ${ctx.token}`) throw new StatusError(statuses.unauthorized());
  if (url.pathname === "/version") return sendJson(res, 200, VERSION_INFO);
  const path = parseApiPath(url.pathname, ctx.registry);
  if (!path) throw new StatusError(statuses.pathNotFound());
  if (path.type !== "resource") return serveDiscovery(ctx, res, path);
  return serveResource(ctx, req, res, path, url, record);
}

/** The node:http listener: every failure becomes a Status reply, as a real server's would. */
export function createRequestHandler(
  ctx: ServerContext,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(ctx, req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendStatus(res, err instanceof StatusError ? err.status : statuses.internalError(String(err)));
    });
  };
}
