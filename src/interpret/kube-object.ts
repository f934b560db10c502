/**
 * The loose shape of any Kubernetes object as it arrives from the API server or a file.
 * Interpreters read it defensively: every field past apiVersion/kind may be absent or of the wrong type.
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: KubeMetadata;
  spec?: unknown;
  status?: unknown;
  [key: string]: unknown;
}

export interface KubeMetadata {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  [key: string]: unknown;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

export type Record_ = Record<string, unknown>;

export function isRecord(value: unknown): value is Record_ {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The API group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
export function groupOf(apiVersion: string | undefined): string {
  if (!apiVersion) return "";
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

export function versionOf(apiVersion: string | undefined): string {
  if (!apiVersion) return "";
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
}

export function specOf(obj: KubeObject): Record_ {
  return isRecord(obj.spec) ? obj.spec : {};
}

export function statusOf(obj: KubeObject): Record_ {
  return isRecord(obj.status) ? obj.status : {};
}

/** Reads a nested field by path; undefined when any step is missing or not an object. */
export function field(value: unknown, ...path: (string | number)[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (typeof key === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      if (!isRecord(current)) return undefined;
      current = current[key];
    }
  }
  return current;
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A number from a number or a numeric string (CRDs often carry counts as strings). */
export function num(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `status.conditions` as well-formed conditions; malformed entries are skipped. */
export function conditionsOf(obj: KubeObject): Condition[] {
  const out: Condition[] = [];
  for (const entry of arr(statusOf(obj).conditions)) {
    if (!isRecord(entry) || typeof entry.type !== "string") continue;
    out.push({
      type: entry.type,
      status: typeof entry.status === "string" ? entry.status : "Unknown",
      reason: str(entry.reason),
      message: str(entry.message),
      lastTransitionTime: str(entry.lastTransitionTime),
      observedGeneration: num(entry.observedGeneration),
    });
  }
  return out;
}

export function findCondition(obj: KubeObject, type: string): Condition | undefined {
  return conditionsOf(obj).find((c) => c.type === type);
}
