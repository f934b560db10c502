// GET, POST, PUT, PATCH and DELETE of single objects (and DELETE of a collection), over the ObjectWriter.

import type { IncomingMessage, ServerResponse } from "node:http";
import { isRecord, type KubeObject } from "../../../src/interpret/kube-object.ts";
import { readJson, sendJson } from "./http-io.ts";
import { objectFilter } from "./list-handler.ts";
import type { ListOptions } from "./list-options.ts";
import type { ObjectStore } from "./object-store.ts";
import type { ObjectWriter } from "./object-writer.ts";
import { applyJsonPatch, applyMergePatch, PatchError } from "./patch.ts";
import { apiVersionOf, resourceId } from "./resource-type.ts";
import type { ResourcePath } from "./route.ts";
import { listItem, servedObject } from "./served-object.ts";
import { failure, StatusError, statuses } from "./status.ts";

export interface ObjectContext {
  store: ObjectStore;
  writer: ObjectWriter;
}

function requireName(path: ResourcePath): string {
  if (!path.name) throw new StatusError(statuses.methodNotAllowed());
  return path.name;
}

async function readObject(req: IncomingMessage, path: ResourcePath): Promise<KubeObject> {
  const body = await readJson(req);
  if (!isRecord(body)) throw new StatusError(statuses.badRequest("the request body must be a JSON object"));
  if (body.kind !== undefined && body.kind !== path.rt.kind)
    throw new StatusError(
      statuses.badRequest(
        `the kind in the data (${String(body.kind)}) does not match the expected kind (${path.rt.kind})`,
      ),
    );
  return body as KubeObject;
}

function patcher(
  path: ResourcePath,
  contentType: string,
  patch: unknown,
): (current: KubeObject) => KubeObject {
  const type = contentType.split(";")[0]?.trim() ?? "";
  const strategic = type === "application/strategic-merge-patch+json";
  if (type === "application/json-patch+json")
    return (current) => applyJsonPatch(current, patch) as KubeObject;
  if (type === "application/merge-patch+json" || (strategic && !path.rt.custom))
    return (current) => applyMergePatch(current, patch) as KubeObject;
  throw new StatusError(statuses.unsupportedMediaType(type));
}

function send(res: ServerResponse, code: number, path: ResourcePath, obj: KubeObject): void {
  sendJson(res, code, servedObject(path.rt, path.version, obj));
}

export function getObject(ctx: ObjectContext, res: ServerResponse, path: ResourcePath): void {
  const name = requireName(path);
  const obj = ctx.writer.get(path.rt, path.namespace, name);
  if (!obj) throw new StatusError(statuses.notFound(path.rt, name));
  send(res, 200, path, obj);
}

export async function createObject(
  ctx: ObjectContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: ResourcePath,
) {
  const body = await readObject(req, path);
  send(res, 201, path, ctx.writer.create(path.rt, path.namespace, body));
}

export async function replaceObject(
  ctx: ObjectContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: ResourcePath,
) {
  const name = requireName(path);
  const body = await readObject(req, path);
  const existed = ctx.writer.get(path.rt, path.namespace, name) !== undefined;
  send(
    res,
    existed ? 200 : 201,
    path,
    ctx.writer.replace(path.rt, path.namespace, name, body, path.subresource),
  );
}

export async function patchObject(
  ctx: ObjectContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: ResourcePath,
) {
  const name = requireName(path);
  const apply = patcher(path, req.headers["content-type"] ?? "", await readJson(req));
  try {
    send(res, 200, path, ctx.writer.patch(path.rt, path.namespace, name, apply, path.subresource));
  } catch (err) {
    if (err instanceof PatchError) throw new StatusError(failure(422, "Invalid", err.message));
    throw err;
  }
}

export function deleteObject(ctx: ObjectContext, res: ServerResponse, path: ResourcePath): void {
  send(res, 200, path, ctx.writer.delete(path.rt, path.namespace, requireName(path)));
}

export function deleteCollection(
  ctx: ObjectContext,
  res: ServerResponse,
  path: ResourcePath,
  opts: ListOptions,
): void {
  const matches = objectFilter(path.rt, path.namespace, opts);
  const deleted = ctx.store
    .entries(resourceId(path.rt))
    .filter(([key, obj]) => matches(key, obj))
    .map(([, obj]) => ctx.writer.delete(path.rt, obj.metadata?.namespace, obj.metadata?.name ?? ""));
  sendJson(res, 200, {
    kind: `${path.rt.kind}List`,
    apiVersion: apiVersionOf(path.rt.group, path.version),
    metadata: { resourceVersion: String(ctx.store.resourceVersion) },
    items: deleted.map((obj) => listItem(path.rt, path.version, obj)),
  });
}
