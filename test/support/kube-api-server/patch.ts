// The patch formats a client can send in PATCH. Strategic merge patch is applied as a JSON merge
// patch: lists are replaced rather than merged by key, which is the one place this server is simpler
// than a real one (custom resources refuse strategic merge patch outright, as they do for real).

import { isRecord } from "../../../src/interpret/kube-object.ts";

export class PatchError extends Error {
  override name = "PatchError";
}

/** RFC 7386: objects merge recursively, `null` removes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const result: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

interface JsonPatchOp {
  op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  path: string;
  from?: string;
  value?: unknown;
}

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw new PatchError(`invalid JSON pointer: ${path}`);
  return path
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function parentOf(doc: unknown, tokens: string[]): { parent: unknown; last: string } {
  let current = doc;
  for (const token of tokens.slice(0, -1)) {
    current = Array.isArray(current)
      ? current[Number(token)]
      : isRecord(current)
        ? current[token]
        : undefined;
    if (current === undefined) throw new PatchError(`path not found: /${tokens.join("/")}`);
  }
  return { parent: current, last: tokens.at(-1) ?? "" };
}

function read(doc: unknown, path: string): unknown {
  let current = doc;
  for (const token of pointer(path)) {
    current = Array.isArray(current)
      ? current[Number(token)]
      : isRecord(current)
        ? current[token]
        : undefined;
  }
  if (current === undefined) throw new PatchError(`path not found: ${path}`);
  return current;
}

function write(doc: unknown, path: string, value: unknown, mode: "add" | "replace" | "remove"): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(doc, tokens);
  if (Array.isArray(parent)) {
    const index = last === "-" ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length)
      throw new PatchError(`bad index in ${path}`);
    if (mode === "add") parent.splice(index, 0, value);
    else if (index >= parent.length) throw new PatchError(`path not found: ${path}`);
    else if (mode === "replace") parent[index] = value;
    else parent.splice(index, 1);
  } else if (isRecord(parent)) {
    if (mode !== "add" && !(last in parent)) throw new PatchError(`path not found: ${path}`);
    if (mode === "remove") delete parent[last];
    else parent[last] = value;
  } else throw new PatchError(`path not found: ${path}`);
  return doc;
}

/** RFC 6902, applied to a copy. */
export function applyJsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError("a JSON patch must be an array of operations");
  let doc = structuredClone(target);
  for (const raw of ops as JsonPatchOp[]) {
    switch (raw.op) {
      case "add":
      case "replace":
        doc = write(doc, raw.path, structuredClone(raw.value), raw.op);
        break;
      case "remove":
        doc = write(doc, raw.path, undefined, "remove");
        break;
      case "copy":
      case "move": {
        const value = structuredClone(read(doc, raw.from ?? ""));
        if (raw.op === "move") doc = write(doc, raw.from ?? "", undefined, "remove");
        doc = write(doc, raw.path, value, "add");
        break;
      }
      case "test":
        if (JSON.stringify(read(doc, raw.path)) !== JSON.stringify(raw.value))
          throw new PatchError(`testing value ${raw.path} failed`);
        break;
      default:
        throw new PatchError(`unknown JSON patch operation: ${String((raw as { op?: unknown }).op)}`);
    }
  }
  return doc;
}
