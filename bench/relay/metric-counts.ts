import type { Registry } from "prom-client";

/** A counter's series summed by one label: `{sent: 120, unchanged: 9000}`. */
export async function countsBy(
  registry: Registry,
  name: string,
  label: string,
): Promise<Record<string, number>> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return {};
  const counts: Record<string, number> = {};
  for (const { labels, value } of (await metric.get()).values) {
    const key = String(labels[label] ?? "");
    counts[key] = (counts[key] ?? 0) + value;
  }
  return counts;
}

export const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
