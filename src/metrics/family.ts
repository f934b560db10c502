import type { ExpositionFormat, Label } from "./exposition.ts";
import { escapeHelp } from "./exposition.ts";

/**
 * How a family is typed. `stateSet` and `info` are OpenMetrics types; the text format 0.0.4 has neither
 * and writes them as gauges, as kube-state-metrics does.
 */
export type FamilyType = "gauge" | "counter" | "stateSet" | "info";

/** One value of a family for one source, with the labels the family adds beside the identity. */
export interface Sample {
  labels: readonly Label[];
  value: number;
}

/**
 * A family as data (kube-state-metrics' FamilyGenerator). `name` is the sample name users query:
 * counters end in `_total` and info families in `_info`; the OpenMetrics family name drops that suffix.
 */
export interface FamilyRow<T> {
  name: string;
  help: string;
  type: FamilyType;
  /** Every sample the source yields; none when the family does not apply to it. */
  samples(source: T): readonly Sample[];
}

/** A row with the identity labels its table puts first on every sample. */
export interface Family<T> extends FamilyRow<T> {
  identity(source: T): readonly Label[];
}

/** The one wrapper that gives every row of a table the same identity labels. */
export function withIdentity<T>(identity: (source: T) => readonly Label[], rows: readonly FamilyRow<T>[]) {
  return rows.map((row): Family<T> => ({ ...row, identity }));
}

const SUFFIX: Partial<Record<FamilyType, string>> = { counter: "_total", info: "_info" };
const OPENMETRICS_TYPE: Record<FamilyType, string> = {
  gauge: "gauge",
  counter: "counter",
  stateSet: "stateset",
  info: "info",
};
const TEXT_TYPE: Record<FamilyType, string> = {
  gauge: "gauge",
  counter: "counter",
  stateSet: "gauge",
  info: "gauge",
};

/** The family name of the OpenMetrics `# TYPE` line: the sample name without its type's suffix. */
export function openMetricsName(name: string, type: FamilyType): string {
  const suffix = SUFFIX[type];
  return suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

/** `# HELP` and `# TYPE` lines of a family in one format. */
export function familyHeader(
  family: Pick<FamilyRow<unknown>, "name" | "help" | "type">,
  format: ExpositionFormat,
): string {
  const name = format === "openmetrics" ? openMetricsName(family.name, family.type) : family.name;
  const type = format === "openmetrics" ? OPENMETRICS_TYPE[family.type] : TEXT_TYPE[family.type];
  return `# HELP ${name} ${escapeHelp(family.help, format)}\n# TYPE ${name} ${type}\n`;
}
