import type { CompiledMetricFamily } from "../config/compile-metrics.ts";
import type { MetricFamilyConfig } from "../config/metric-family-schema.ts";
import { groupOf } from "../interpret/kube-object.ts";
import type { StoredObject } from "../store/records.ts";
import { familyKey, labelKey } from "./custom-keys.ts";
import type { Label } from "./exposition.ts";
import { type Family, type FamilyRow, openMetricsName, type Sample, withIdentity } from "./family.ts";
import { objectIdentity } from "./object-families.ts";

/** What the read side needs of a custom family: no expressions, only names (see custom-keys.ts). */
export interface CustomFamilySpec {
  name: string;
  help: string;
  type: MetricFamilyConfig["type"];
  /** undefined: every group with this kind. */
  group: string | undefined;
  kind: string;
  labels: readonly string[];
  states: readonly string[];
}

/** A custom family ready to render, with the kind it is declared for. */
export interface CustomFamily extends Family<StoredObject> {
  group: string | undefined;
  kind: string;
}

/** The spec of a family as the config declares it, or as compileMetricFamilies compiled it. */
export function customFamilySpec(family: MetricFamilyConfig | CompiledMetricFamily): CustomFamilySpec {
  const { name, help, type, kind } = family;
  // Only a compiled family has `group` (undefined when the config names no apiVersion).
  if ("group" in family) {
    const labels = family.labels.map(([label]) => label);
    return { name, help, type, kind, group: family.group, labels, states: family.states ?? [] };
  }
  const group = family.apiVersion === undefined ? undefined : groupOf(family.apiVersion);
  const states = family.type === "stateSet" ? family.states : [];
  return { name, help, type, kind, group, labels: Object.keys(family.labels), states };
}

// The identity labels are the object's (as in kube-state-metrics' custom resource metrics, which add the
// group and kind too): a family declared for a kind in any group cannot then yield two equal series.
const IDENTITY_LABELS = new Set(["cluster", "group", "kind", "namespace", "name"]);

/**
 * Every custom family as a row of the object table. Their names may not repeat a name in `taken` (the
 * built-in families' sample and OpenMetrics names, which this extends); such a family is left out and
 * named in `conflicts`, so one bad config cannot make the whole exposition invalid.
 */
export function customFamilies(
  specs: readonly CustomFamilySpec[],
  taken: Set<string>,
): { families: CustomFamily[]; conflicts: string[] } {
  const families: CustomFamily[] = [];
  const conflicts: string[] = [];
  for (const spec of specs) {
    const row = customRow(spec);
    const names = [row.name, openMetricsName(row.name, row.type)];
    const clash = names.find((name) => taken.has(name));
    if (clash !== undefined) {
      conflicts.push(`metric family ${spec.name} left out: the name ${clash} is already in use`);
      continue;
    }
    for (const name of names) taken.add(name);
    const [family] = withIdentity(objectIdentity, [row]);
    if (family) families.push({ ...family, group: spec.group, kind: spec.kind });
  }
  return { families, conflicts };
}

function customRow(spec: CustomFamilySpec): FamilyRow<StoredObject> {
  const key = familyKey(spec.name);
  // OpenMetrics names a state set's label after the family; a colon is not allowed in a label name.
  const stateLabel = spec.name.replace(/:/g, "_");
  // A declared label may not replace an identity label (or the state label): identity always wins.
  const declared = spec.labels.filter((label) => !IDENTITY_LABELS.has(label) && label !== stateLabel);
  const labelsOf = (o: StoredObject): Label[] =>
    declared.map((label) => [label, o.status.components?.[labelKey(spec.name, label)] ?? ""]);

  const states = [...new Set(spec.states)];
  const base = { help: spec.help, type: spec.type };
  if (spec.type === "stateSet") {
    return {
      ...base,
      name: spec.name,
      samples: (o) => {
        const current = o.status.components?.[key];
        if (current === undefined) return [];
        // A state outside `states` sets none of them to 1: the family only knows the states it declares.
        const labels = labelsOf(o);
        return states.map((state) => ({
          labels: [...labels, [stateLabel, state] as const],
          value: state === current ? 1 : 0,
        }));
      },
    };
  }
  return {
    ...base,
    name: spec.type === "info" && !spec.name.endsWith("_info") ? `${spec.name}_info` : spec.name,
    samples: (o): readonly Sample[] => {
      const value = o.status.values?.[key];
      if (value === undefined) return [];
      return [{ labels: labelsOf(o), value: spec.type === "info" ? 1 : value }];
    },
  };
}
