import type { StoredObject } from "../store/records.ts";
import type { Label } from "./exposition.ts";
import { type Family, withIdentity } from "./family.ts";

function metricIdentity(o: StoredObject): readonly Label[] {
  return [
    ["cluster", o.cluster],
    ["namespace", o.namespace],
    ["name", o.name],
  ];
}

/** Keptn's KeptnMetric; a metric without a numeric value yet (or with an error) has no series. */
export const keptnFamilies: readonly Family<StoredObject>[] = withIdentity(metricIdentity, [
  {
    name: "keptn_metric_value",
    help: "Current value of a KeptnMetric as its provider last reported it.",
    type: "gauge",
    samples: (o) => {
      const value = o.status.values?.value;
      if (value === undefined) return [];
      return [{ labels: [["provider", o.status.components?.provider ?? ""]], value }];
    },
  },
]);
