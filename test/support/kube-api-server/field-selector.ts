// Field selectors as the real server supports them: `=`, `==` and `!=` over metadata.name,
// metadata.namespace and the few fields each resource registers (pods: spec.nodeName, status.phase, …).
// Any other field is refused, as a real server refuses it, rather than silently matching nothing.

import type { KubeObject } from "../../../src/interpret/kube-object.ts";
import { SelectorParseError } from "./label-selector.ts";

export type FieldSelector = (obj: KubeObject) => boolean;

const ALWAYS_SUPPORTED = ["metadata.name", "metadata.namespace"];
const REQUIREMENT = /^([A-Za-z0-9.]+)\s*(==|!=|=)\s*(.*)$/;

function fieldValue(obj: KubeObject, path: string): string {
  let current: unknown = obj;
  for (const part of path.split(".")) {
    if (typeof current !== "object" || current === null) return "";
    current = (current as Record<string, unknown>)[part];
  }
  return current === undefined || current === null ? "" : String(current);
}

/** Parses a field selector against the labels a resource supports; the empty selector matches everything. */
export function parseFieldSelector(
  selector: string | undefined | null,
  fieldLabels: readonly string[] = [],
): FieldSelector {
  if (!selector?.trim()) return () => true;
  const supported = new Set([...ALWAYS_SUPPORTED, ...fieldLabels]);
  const requirements = selector.split(",").map((raw) => {
    const m = REQUIREMENT.exec(raw.trim());
    if (!m) throw new SelectorParseError(`invalid selector: '${selector}'; can't understand '${raw.trim()}'`);
    const [, field = "", op, value = ""] = m;
    if (!supported.has(field)) throw new SelectorParseError(`field label not supported: ${field}`);
    return (obj: KubeObject) => (fieldValue(obj, field) === value) === (op !== "!=");
  });
  return (obj) => requirements.every((matches) => matches(obj));
}
