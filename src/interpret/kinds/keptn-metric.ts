import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { field, num, statusOf, str } from "../kube-object.ts";

// status.value is a string in the CRD (metrics-operator api/v1); an empty one is omitted by the operator.
function rawValue(obj: KubeObject): string | undefined {
  const value = statusOf(obj).value;
  if (typeof value === "number") return String(value);
  return str(value) || undefined;
}

/**
 * Argo CD's KeptnMetric check (resource_customizations/metrics.keptn.sh/KeptnMetric), with two deliberate
 * changes: the Degraded message is the operator's errMsg itself, and a value that is not a finite number is
 * Degraded too, since `keptn_metric_value` and the metrics API cannot serve it.
 */
function metricHealth(obj: KubeObject): HealthResult {
  const errMsg = str(statusOf(obj).errMsg);
  if (errMsg) return { health: "Degraded", message: errMsg };
  const raw = rawValue(obj);
  if (raw === undefined) return { health: "Progressing", message: "KeptnMetric is progressing" };
  if (num(raw) === undefined) return { health: "Degraded", message: `Value "${raw}" is not a finite number` };
  return { health: "Healthy", message: "KeptnMetric is healthy" };
}

/** Keptn's KeptnMetric (metrics.keptn.sh v1, v1beta1, v1alpha3): its value and provider for keptn_metric_value. */
export const keptnMetricKinds: KindInterpreter[] = [
  {
    group: "metrics.keptn.sh",
    kind: "KeptnMetric",
    health: metricHealth,
    components: (obj) => {
      const provider = str(field(obj, "spec", "provider", "name"));
      return provider ? { provider } : undefined;
    },
    values: (obj) => {
      const value = num(rawValue(obj));
      return value === undefined ? undefined : { value };
    },
  },
];
