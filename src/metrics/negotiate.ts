import type { ExpositionFormat } from "./exposition.ts";

export const CONTENT_TYPES: Readonly<Record<ExpositionFormat, string>> = {
  text: "text/plain; version=0.0.4; charset=utf-8",
  openmetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8",
};

export interface Negotiated {
  format: ExpositionFormat;
  contentType: string;
}

/**
 * Media ranges this server can answer. OpenMetrics 0.0.1 is what Prometheus 2.x lists second; it and 1.0.0
 * differ in nothing these families use, so both get 1.0.0. Any `text/plain` version gets 0.0.4, which
 * Prometheus 3's text 1.0.0 reads unchanged (every name here is a legacy name).
 */
const SUPPORTED: readonly { type: string; versions?: readonly string[]; format: ExpositionFormat }[] = [
  { type: "application/openmetrics-text", versions: ["1.0.0", "0.0.1"], format: "openmetrics" },
  { type: "application/*", format: "openmetrics" },
  { type: "text/plain", format: "text" },
  { type: "text/*", format: "text" },
  { type: "*/*", format: "text" },
];

/**
 * The exposition format for an `Accept` header as Prometheus sends it, e.g.
 * `application/openmetrics-text;version=1.0.0,…,text/plain;version=0.0.4;q=0.5,*\/*;q=0.1`: the supported
 * range with the highest q (the first on a tie). No header, or nothing supported, gets the text format,
 * as client_golang's promhttp does.
 */
export function negotiateFormat(accept: string | null | undefined): Negotiated {
  let best: { format: ExpositionFormat; q: number } | undefined;
  for (const range of (accept ?? "").split(",")) {
    const [type = "", ...params] = range.split(";").map((part) => part.trim());
    const options = new Map(
      params.map((p) => {
        const eq = p.indexOf("=");
        return eq < 0
          ? [p.toLowerCase(), ""]
          : [p.slice(0, eq).toLowerCase(), unquote(p.slice(eq + 1).trim())];
      }),
    );
    const q = options.has("q") ? Number(options.get("q")) : 1;
    if (!(q > 0)) continue;
    const version = options.get("version");
    const match = SUPPORTED.find(
      (s) =>
        s.type === type.toLowerCase() &&
        (s.versions === undefined || version === undefined || s.versions.includes(version)),
    );
    if (match && (best === undefined || q > best.q)) best = { format: match.format, q };
  }
  const format = best?.format ?? "text";
  return { format, contentType: CONTENT_TYPES[format] };
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
