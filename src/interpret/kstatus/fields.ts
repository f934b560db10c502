import { isRecord } from "../kube-object.ts";
import { KStatusComputeError } from "./result.ts";

// kstatus reads objects through apimachinery's unstructured accessors, and its verdicts hinge on their
// quirks: the lenient readers fall back to a default on a missing or mistyped field, the strict ones make
// Compute fail (Unknown). These readers keep both behaviours. Every object is read on every watch event,
// so a failed read is a value (AccessorProblem) until a caller wants it thrown: capturing an exception's
// stack cost more than the whole read, and some kinds (a Rollout's string observedGeneration) fail on
// every event.

/** Why a strict read failed, worded as kstatus's accessors word it. */
export class AccessorProblem {
  constructor(readonly message: string) {}

  toError(): KStatusComputeError {
    return new KStatusComputeError(this.message);
  }
}

/** A JSON-decoded Go value's type name, for error messages that read like kstatus's own. */
function goType(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return "[]interface {}";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "string";
  return "map[string]interface {}";
}

function accessorProblem(path: readonly string[], value: unknown, expected: string): AccessorProblem {
  const shown = isRecord(value) || Array.isArray(value) ? goType(value) : String(value);
  return new AccessorProblem(
    `.${path.join(".")} accessor error: ${shown} is of the type ${goType(value)}, expected ${expected}`,
  );
}

/** What a walk found: the value, nothing (NOT_FOUND), or a step that is not an object. */
const NOT_FOUND: unique symbol = Symbol("not found");

/** NestedFieldNoCopy: a null step ends the walk as not found; a step that is not an object is a problem. */
function lookup(obj: unknown, path: readonly string[]): unknown {
  let value = obj;
  for (let i = 0; i < path.length; i++) {
    if (value === null || value === undefined) return NOT_FOUND;
    if (!isRecord(value)) return accessorProblem(path.slice(0, i + 1), value, "map[string]interface{}");
    value = value[path[i] as string];
    if (value === undefined) return NOT_FOUND;
  }
  return value;
}

function lenient(obj: unknown, path: readonly string[]): unknown {
  const hit = lookup(obj, path);
  return hit === NOT_FOUND || hit instanceof AccessorProblem ? undefined : hit;
}

/** kstatus's GetIntField: the integer at `path`, else `fallback` (missing, mistyped or not whole). */
export function intField(obj: unknown, path: readonly string[], fallback: number): number {
  const value = lenient(obj, path);
  return typeof value === "number" && Number.isInteger(value) ? value : fallback;
}

/** kstatus's GetStringField: the string at `path`, else `fallback`. */
export function stringField(obj: unknown, path: readonly string[], fallback: string): string {
  const value = lenient(obj, path);
  return typeof value === "string" ? value : fallback;
}

/** NestedInt64 without the throw: undefined when absent, a problem when not an integer. */
export function readInt(obj: unknown, path: readonly string[]): number | undefined | AccessorProblem {
  const hit = lookup(obj, path);
  if (hit === NOT_FOUND) return undefined;
  if (hit instanceof AccessorProblem) return hit;
  if (typeof hit !== "number" || !Number.isInteger(hit)) return accessorProblem(path, hit, "int64");
  return hit;
}

/** NestedInt64: undefined when absent; a value that is not an integer is an error. */
export function nestedInt(obj: unknown, path: readonly string[]): number | undefined {
  const read = readInt(obj, path);
  if (read instanceof AccessorProblem) throw read.toError();
  return read;
}

/** NestedString: undefined when absent; a value that is not a string is an error. */
export function nestedString(obj: unknown, path: readonly string[]): string | undefined {
  const hit = lookup(obj, path);
  if (hit === NOT_FOUND) return undefined;
  if (hit instanceof AccessorProblem) throw hit.toError();
  if (typeof hit !== "string") throw accessorProblem(path, hit, "string").toError();
  return hit;
}

/** NestedSlice: undefined when absent; a value that is not a list is an error. */
export function nestedSlice(obj: unknown, path: readonly string[]): unknown[] | undefined {
  const hit = lookup(obj, path);
  if (hit === NOT_FOUND) return undefined;
  if (hit instanceof AccessorProblem) throw hit.toError();
  if (!Array.isArray(hit)) throw accessorProblem(path, hit, "[]interface{}").toError();
  return hit;
}
