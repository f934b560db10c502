import type { CelResult } from "@bufbuild/cel";
import { isCelError, isCelList, isCelMap, isCelUint } from "@bufbuild/cel";

/**
 * A CEL result as a finite number: double, int or uint; a bool counts as 1 or 0, as in kube-state-metrics.
 * JSON numbers reach CEL as doubles (as google.protobuf.Value numbers do), so `object.status.replicas` is
 * already a number; anything else (strings, maps, errors) is not.
 */
export function celNumber(value: CelResult): number | undefined {
  let out: number | undefined;
  if (typeof value === "number") out = value;
  else if (typeof value === "bigint") out = Number(value);
  else if (typeof value === "boolean") out = value ? 1 : 0;
  else if (isCelUint(value)) out = Number(value.value);
  return out !== undefined && Number.isFinite(out) ? out : undefined;
}

/** A CEL result as a label-like string: strings as they are, numbers and bools spelled out. */
export function celText(value: CelResult): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return String(value);
  if (isCelUint(value)) return String(value.value);
  return undefined;
}

/** A short description of a CEL result for messages: the value if scalar, its type otherwise. */
export function describeCelValue(value: CelResult): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (isCelError(value)) return `error (${value.message})`;
  if (isCelMap(value)) return "a map";
  if (isCelList(value)) return "a list";
  const text = celText(value);
  return text === undefined ? "a value of another type" : text;
}
