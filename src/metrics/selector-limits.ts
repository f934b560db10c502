// Bounds on a /federate request's selectors, so one request cannot make the parser and the per-series
// matching do unbounded work. Prometheus' scrape configs rarely carry more than a handful of selectors.

/** Most `match[]` selectors one request may give. */
export const MAX_SELECTORS = 64;

/** Longest `match[]` selector, in characters (UTF-16 code units). */
export const MAX_SELECTOR_LENGTH = 4096;
