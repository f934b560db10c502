import { isRecord } from "../kube-object.ts";
import { KStatusComputeError } from "./result.ts";

// kstatus reads objects through apimachinery's unstructured accessors, and its verdicts hinge on their
// quirks: the lenient readers fall back to a default on a missing or mistyped field, the strict ones make
// Compute fail (Unknown). These readers keep both behaviours.

type Lookup = { found: false } | { found: true; value: unknown };

/** A JSON-decoded Go value's type name, for error messages that read like kstatus's own. */
function goType(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return "[]interface {}";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "string";
  return "map[string]interface {}";
}

function accessorError(path: readonly string[], value: unknown, expected: string): KStatusComputeError {
  const shown = isRecord(value) || Array.isArray(value) ? goType(value) : String(value);
  return new KStatusComputeError(
    `.${path.join(".")} accessor error: ${shown} is of the type ${goType(value)}, expected ${expected}`,
  );
}

/** NestedFieldNoCopy: a null step ends the walk as not found; a step that is not an object is an error. */
function lookup(obj: unknown, path: readonly string[]): Lookup {
  let value = obj;
  for (const [i, key] of path.entries()) {
    if (value === null || value === undefined) return { found: false };
    if (!isRecord(value)) throw accessorError(path.slice(0, i + 1), value, "map[string]interface{}");
    value = value[key];
    if (value === undefined) return { found: false };
  }
  return { found: true, value };
}

function lenient(obj: unknown, path: readonly string[]): unknown {
  try {
    const hit = lookup(obj, path);
    return hit.found ? hit.value : undefined;
  } catch {
    return undefined;
  }
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

/** NestedInt64: undefined when absent; a value that is not an integer is an error. */
export function nestedInt(obj: unknown, path: readonly string[]): number | undefined {
  const hit = lookup(obj, path);
  if (!hit.found) return undefined;
  if (typeof hit.value !== "number" || !Number.isInteger(hit.value))
    throw accessorError(path, hit.value, "int64");
  return hit.value;
}

/** NestedString: undefined when absent; a value that is not a string is an error. */
export function nestedString(obj: unknown, path: readonly string[]): string | undefined {
  const hit = lookup(obj, path);
  if (!hit.found) return undefined;
  if (typeof hit.value !== "string") throw accessorError(path, hit.value, "string");
  return hit.value;
}

/** NestedSlice: undefined when absent; a value that is not a list is an error. */
export function nestedSlice(obj: unknown, path: readonly string[]): unknown[] | undefined {
  const hit = lookup(obj, path);
  if (!hit.found) return undefined;
  if (!Array.isArray(hit.value)) throw accessorError(path, hit.value, "[]interface{}");
  return hit.value;
}
