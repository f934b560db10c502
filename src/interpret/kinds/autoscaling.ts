import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { conditionsOf, isRecord, num, specOf, statusOf, versionOf } from "../kube-object.ts";

// HorizontalPodAutoscaler health as gitops-engine pkg/health/health_hpa.go computes it, messages included.

interface HpaCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

const WAITING: HealthResult = { health: "Progressing", message: "Waiting to Autoscale" };

/** Condition (type, reason) pairs that mean the autoscaler cannot do its job. */
const DEGRADED_REASONS: readonly [type: string, reason: string][] = [
  ["AbleToScale", "FailedGetScale"],
  ["AbleToScale", "FailedUpdateScale"],
  ["ScalingActive", "FailedGetResourceMetric"],
  ["ScalingActive", "InvalidSelector"],
];

/** Condition types that, when True, mean the autoscaler works. */
const HEALTHY_TYPES: readonly string[] = ["AbleToScale", "ScalingLimited"];

/** The first condition that is degraded or healthy decides, in the order the controller wrote them. */
function fromConditions(conditions: readonly HpaCondition[]): HealthResult {
  for (const c of conditions) {
    if (DEGRADED_REASONS.some(([type, reason]) => c.type === type && c.reason === reason)) {
      return { health: "Degraded", message: c.message };
    }
    if (HEALTHY_TYPES.includes(c.type) && c.status === "True")
      return { health: "Healthy", message: c.message };
  }
  return WAITING;
}

// autoscaling/v1 has no conditions field: the API server carries them in this annotation instead.
const CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";

/** A field by name, ignoring case, as Go's encoding/json matches struct fields. */
function fieldIgnoringCase(entry: Record<string, unknown>, name: string): string {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : entry[key];
  return typeof value === "string" ? value : "";
}

function v1Health(obj: KubeObject): HealthResult {
  const annotation = obj.metadata?.annotations?.[CONDITIONS_ANNOTATION];
  if (annotation === undefined) return WAITING;
  let parsed: unknown;
  try {
    parsed = JSON.parse(annotation);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { health: "Unknown", message: `failed to convert conditions annotation to typed: ${reason}` };
  }
  if (parsed !== null && !Array.isArray(parsed)) {
    return { health: "Unknown", message: "failed to convert conditions annotation to typed: not a list" };
  }
  const conditions = (parsed ?? []).filter(isRecord).map((entry) => ({
    type: fieldIgnoringCase(entry, "type"),
    status: fieldIgnoringCase(entry, "status"),
    reason: fieldIgnoringCase(entry, "reason"),
    message: fieldIgnoringCase(entry, "message"),
  }));
  return conditions.length === 0 ? WAITING : fromConditions(conditions);
}

function conditionsHealth(obj: KubeObject): HealthResult {
  return fromConditions(
    conditionsOf(obj).map((c) => ({
      type: c.type,
      status: c.status,
      reason: c.reason ?? "",
      message: c.message ?? "",
    })),
  );
}

const healthByVersion: Record<string, (obj: KubeObject) => HealthResult> = {
  v1: v1Health,
  v2: conditionsHealth,
  v2beta1: conditionsHealth,
  v2beta2: conditionsHealth,
};

function hpaHealth(obj: KubeObject): HealthResult {
  const version = versionOf(obj.apiVersion);
  const health = healthByVersion[version];
  if (health) return health(obj);
  return {
    health: "Unknown",
    message: `unsupported HPA GVK: autoscaling/${version}, Kind=HorizontalPodAutoscaler`,
  };
}

function hpaValues(obj: KubeObject): Record<string, number> {
  const spec = specOf(obj);
  const status = statusOf(obj);
  const values: Record<string, number> = {
    currentReplicas: num(status.currentReplicas) ?? 0,
    desiredReplicas: num(status.desiredReplicas) ?? 0,
  };
  const min = num(spec.minReplicas);
  const max = num(spec.maxReplicas);
  if (min !== undefined) values.minReplicas = min;
  if (max !== undefined) values.maxReplicas = max;
  return values;
}

export const autoscalingKinds: KindInterpreter[] = [
  { group: "autoscaling", kind: "HorizontalPodAutoscaler", health: hpaHealth, values: hpaValues },
];
