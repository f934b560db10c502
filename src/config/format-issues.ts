import type { z } from "zod";
import { groupOf, isRecord } from "../interpret/kube-object.ts";
import type { Position } from "../interpret/rules/position.ts";
import type { ConfigIssue } from "./errors.ts";

type Path = readonly PropertyKey[];

// How an entry of each list is named in messages, read from the document as written.
const SUBJECTS: Record<string, (entry: Record<string, unknown>) => string | undefined> = {
  rules: (rule) => kindLabel(rule.apiVersion, rule.kind),
  metrics: (family) => (typeof family.name === "string" ? family.name : undefined),
  watch: (entry) => kindLabel(entry.apiVersion, entry.kind),
};

/** zod's issues as config issues that name the rule (or family, or watch entry) and the field. */
export function configIssues(error: z.ZodError, document: unknown): ConfigIssue[] {
  return error.issues.map((issue) => {
    const out: ConfigIssue = { where: whereOf(issue.path, document), message: messageOf(issue) };
    const position = issue.code === "custom" ? (issue.params?.position as Position | undefined) : undefined;
    if (position) out.position = position;
    return out;
  });
}

function whereOf(path: Path, document: unknown): string {
  const [list, index, ...rest] = path;
  if (typeof list === "string" && typeof index === "number" && SUBJECTS[list]) {
    const entries = isRecord(document) ? document[list] : undefined;
    const entry = Array.isArray(entries) ? entries[index] : undefined;
    const label = isRecord(entry) ? SUBJECTS[list](entry) : undefined;
    const subject = label ? `${list}[${index}] (${label})` : `${list}[${index}]`;
    return rest.length > 0 ? `${subject}: ${formatPath(rest)}` : subject;
  }
  return formatPath(path);
}

/** `["values", "replicas"]` → `values.replicas`; `["labelKeys", 0]` → `labelKeys[0]`. */
export function formatPath(path: Path): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}`;
  }
  if (issue.code === "invalid_key" && issue.issues[0]) return `invalid name: ${messageOf(issue.issues[0])}`;
  const message = issue.message.replace(/^Invalid input: /, "");
  if (issue.code === "invalid_type" && message.endsWith("received undefined")) {
    return `missing (expected ${issue.expected})`;
  }
  return message;
}

function kindLabel(apiVersion: unknown, kind: unknown): string | undefined {
  if (typeof kind !== "string") return undefined;
  const group = typeof apiVersion === "string" ? groupOf(apiVersion) : "";
  return group ? `${group}/${kind}` : kind;
}
