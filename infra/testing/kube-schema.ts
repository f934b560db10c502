import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as models from "@kubernetes/client-node";

// Offline schema checks for rendered manifests, from the models @kubernetes/client-node generates out of
// the Kubernetes OpenAPI spec: each model's attribute table gives every field and its type, and the
// model's .d.ts marks the spec's required fields (no `?`). Unknown fields, wrong types and missing
// required fields are reported with their path; enums and formats are not checked.

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}
type Model = { getAttributeTypeMap(): Attribute[] };

/** The kinds our manifests use; anything else is reported rather than passed unchecked. */
const KINDS: Record<string, readonly string[]> = {
  v1: ["Namespace", "ServiceAccount", "ConfigMap"],
  "apps/v1": ["Deployment"],
  "policy/v1": ["PodDisruptionBudget"],
  "networking.k8s.io/v1": ["NetworkPolicy"],
  "rbac.authorization.k8s.io/v1": ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"],
};

const MODELS_DIR = join(dirname(fileURLToPath(import.meta.resolve("@kubernetes/client-node"))), "gen/models");
const requiredCache = new Map<string, Set<string>>();

function requiredFields(modelName: string): Set<string> {
  let required = requiredCache.get(modelName);
  if (!required) {
    const dts = readFileSync(join(MODELS_DIR, `${modelName}.d.ts`), "utf8");
    required = new Set([...dts.matchAll(/^\s+'([A-Za-z0-9$_]+)':/gm)].map((m) => m[1] ?? ""));
    requiredCache.set(modelName, required);
  }
  return required;
}

function modelOf(name: string): Model | undefined {
  const candidate = (models as unknown as Record<string, unknown>)[name];
  return typeof candidate === "function" && "getAttributeTypeMap" in candidate
    ? (candidate as Model)
    : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function check(value: unknown, type: string, format: string, path: string, problems: string[]): void {
  const array = /^Array<(.+)>$/.exec(type);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) return void problems.push(`${path}: expected a list`);
    for (const [i, item] of value.entries()) check(item, array[1] ?? "", "", `${path}[${i}]`, problems);
  } else if (map) {
    if (!isObject(value)) return void problems.push(`${path}: expected a map`);
    for (const [k, v] of Object.entries(value)) check(v, map[1] ?? "", "", `${path}.${k}`, problems);
  } else if (type === "string" || type === "Date") {
    if (typeof value !== "string") problems.push(`${path}: expected a string, got ${JSON.stringify(value)}`);
  } else if (type === "number") {
    const integer = format === "int32" || format === "int64";
    if (typeof value !== "number" || (integer && !Number.isInteger(value)))
      problems.push(`${path}: expected ${integer ? "an integer" : "a number"}, got ${JSON.stringify(value)}`);
  } else if (type === "boolean") {
    if (typeof value !== "boolean")
      problems.push(`${path}: expected true or false, got ${JSON.stringify(value)}`);
  } else if (type === "IntOrString") {
    if (typeof value !== "string" && !Number.isInteger(value))
      problems.push(`${path}: expected an integer or a string, got ${JSON.stringify(value)}`);
  } else if (type !== "any" && type !== "object") {
    checkModel(value, type, path, problems);
  }
}

function checkModel(value: unknown, modelName: string, path: string, problems: string[]): void {
  const model = modelOf(modelName);
  if (!model) return void problems.push(`${path}: no schema for type ${modelName}`);
  if (!isObject(value)) return void problems.push(`${path}: expected an object (${modelName})`);
  const attributes = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a]));
  for (const [key, field] of Object.entries(value)) {
    const attribute = attributes.get(key);
    if (!attribute) problems.push(`${path}.${key}: unknown field of ${modelName}`);
    else check(field, attribute.type, attribute.format, `${path}.${key}`, problems);
  }
  for (const name of requiredFields(modelName)) {
    const baseName = model.getAttributeTypeMap().find((a) => a.name === name)?.baseName ?? name;
    if (!(baseName in value)) problems.push(`${path}.${baseName}: required by ${modelName}`);
  }
}

/** Problems with one manifest, each prefixed by `Kind/name` and the field's path; empty when valid. */
export function validateManifest(manifest: unknown): string[] {
  if (!isObject(manifest)) return ["document is not an object"];
  const { apiVersion, kind } = manifest;
  const id = `${String(kind)}/${String((manifest.metadata as { name?: unknown } | undefined)?.name)}`;
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !KINDS[apiVersion]?.includes(kind))
    return [`${id}: ${String(apiVersion)} ${String(kind)} is not a kind these checks know`];
  const version = apiVersion.split("/").pop() ?? "";
  const modelName = `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
  const problems: string[] = [];
  checkModel(manifest, modelName, id, problems);
  return problems;
}
