// The metrics boundary: what the read app and the relay use.

export { type CustomFamilySpec, customFamilySpec } from "./custom-families.ts";
export { evaluateMetricInputs, type MetricInputs, withMetricInputs } from "./custom-inputs.ts";
export type { ExpositionFormat } from "./exposition.ts";
export type { Matcher, MatchOp } from "./matcher.ts";
export { MetricsCache, type MetricsCacheOptions, type RenderOptions } from "./metrics-cache.ts";
export { CONTENT_TYPES, type Negotiated, negotiateFormat } from "./negotiate.ts";
export { parseSelector, parseSelectors } from "./selectors.ts";
export type { SeriesFilter } from "./series-filter.ts";
