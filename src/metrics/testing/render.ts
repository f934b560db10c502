import type { StoredObject } from "../../store/records.ts";
import type { CustomFamilySpec } from "../custom-families.ts";
import type { ExpositionFormat } from "../exposition.ts";
import { MetricsCache } from "../metrics-cache.ts";
import { parseSelectors } from "../selectors.ts";

export interface RenderFamiliesOptions {
  format?: ExpositionFormat;
  /** A regex over metric names: only those families, as a golden test wants them. */
  names?: string;
  custom?: readonly CustomFamilySpec[];
}

/** The exposition of these records alone, narrowed to some families; for golden tests. */
export function renderFamilies(
  records: readonly StoredObject[],
  options: RenderFamiliesOptions = {},
): string {
  const cache = new MetricsCache({ staleAfterMs: 300_000, customFamilies: options.custom ?? [] });
  for (const record of records) cache.upsert(record);
  const filter = options.names === undefined ? undefined : parseSelectors([`{__name__=~"${options.names}"}`]);
  return cache.render({ format: options.format ?? "text", filter });
}

/** Lines of a golden exposition, written one per array item for readable diffs. */
export function lines(...text: string[]): string {
  return `${text.join("\n")}\n`;
}
