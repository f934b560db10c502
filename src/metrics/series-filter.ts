import type { Label } from "./exposition.ts";
import type { Matcher } from "./matcher.ts";

/**
 * A union of series selectors, as parseSelectors returns them: a series is kept when every matcher of
 * at least one selector matches it. An empty list keeps nothing, as Prometheus' /federate does.
 */
export type SeriesFilter = readonly (readonly Matcher[])[];

/** What is left of a filter once some labels are known: keep all, keep none, or test these selectors. */
export type Narrowed = "all" | "none" | SeriesFilter;

/**
 * Applies the matchers on one label whose value is the same for a whole group of series (the metric name
 * for a family, the cluster for a cluster's part of it), so whole families and clusters are kept or
 * skipped without looking at their series.
 */
export function narrow(filter: SeriesFilter, label: string, value: string): Narrowed {
  const left: (readonly Matcher[])[] = [];
  for (const selector of filter) {
    let ok = true;
    const rest: Matcher[] = [];
    for (const m of selector) {
      if (m.name !== label) rest.push(m);
      else if (!m.matches(value)) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (rest.length === 0) return "all";
    left.push(rest);
  }
  return left.length === 0 ? "none" : left;
}

/**
 * Whether one series passes the filter, its labels given as the identity and the family's own (kept apart
 * so that no array is built per series); a label the series lacks matches as "".
 */
export function matchesSeries(
  filter: SeriesFilter,
  identity: readonly Label[],
  own: readonly Label[],
): boolean {
  return filter.some((selector) => selector.every((m) => m.matches(labelValue(identity, own, m.name))));
}

function labelValue(identity: readonly Label[], own: readonly Label[], name: string): string {
  for (const [n, v] of identity) if (n === name) return v;
  for (const [n, v] of own) if (n === name) return v;
  return "";
}
