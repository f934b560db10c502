import { kindKeyOf } from "../store/object-key.ts";
import type { StoredObject } from "../store/records.ts";
import { type ClusterState, clusterFamilies } from "./cluster-families.ts";
import { type CustomFamilySpec, customFamilies } from "./custom-families.ts";
import type { ExpositionFormat } from "./exposition.ts";
import { type Family, familyHeader, openMetricsName } from "./family.ts";
import { KIND_FAMILIES } from "./kind-families.ts";
import { objectFamilies } from "./object-families.ts";

/** A family at its place in the exposition, with its headers written once for each format. */
export interface Slot<T> {
  index: number;
  family: Family<T>;
  headers: Readonly<Record<ExpositionFormat, string>>;
}

/**
 * Every family this process renders, in exposition order: object families, cluster families, the
 * built-in kinds' families, then the config's custom families. Which families an object feeds depends
 * only on its group and kind, so that lookup is done once per kind.
 */
export class FamilyRegistry {
  readonly slots: readonly Slot<unknown>[];
  readonly clusterSlots: readonly Slot<ClusterState>[];
  /** Custom families left out because their names are taken; for the operator's log. */
  readonly conflicts: readonly string[];
  readonly #objectSlots: readonly Slot<StoredObject>[];
  readonly #builtinKindSlots = new Map<string, readonly Slot<StoredObject>[]>();
  readonly #byKind = new Map<string, readonly Slot<StoredObject>[]>();
  readonly #custom: readonly { slot: Slot<StoredObject>; group: string | undefined; kind: string }[];

  constructor(customSpecs: readonly CustomFamilySpec[] = []) {
    const slots: Slot<unknown>[] = [];
    const add = <T>(family: Family<T>): Slot<T> => {
      const slot: Slot<T> = {
        index: slots.length,
        family,
        headers: { text: familyHeader(family, "text"), openmetrics: familyHeader(family, "openmetrics") },
      };
      slots.push(slot as Slot<unknown>);
      return slot;
    };
    this.#objectSlots = objectFamilies.map(add);
    this.clusterSlots = clusterFamilies.map(add);
    for (const [key, families] of Object.entries(KIND_FAMILIES))
      this.#builtinKindSlots.set(key, families.map(add));

    const taken = new Set(
      slots.flatMap((s) => [s.family.name, openMetricsName(s.family.name, s.family.type)]),
    );
    const custom = customFamilies(customSpecs, taken);
    this.conflicts = custom.conflicts;
    this.#custom = custom.families.map((family) => ({
      slot: add(family),
      group: family.group,
      kind: family.kind,
    }));
    this.slots = slots;
  }

  /** The families an object of this group and kind feeds: object, built-in kind and custom families. */
  slotsFor(group: string, kind: string): readonly Slot<StoredObject>[] {
    const key = kindKeyOf(group, kind);
    let slots = this.#byKind.get(key);
    if (!slots) {
      const custom = this.#custom.filter(
        (c) => c.kind === kind && (c.group === undefined || c.group === group),
      );
      slots = [
        ...this.#objectSlots,
        ...(this.#builtinKindSlots.get(key) ?? []),
        ...custom.map((c) => c.slot),
      ];
      this.#byKind.set(key, slots);
    }
    return slots;
  }
}
