import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ObjectStatus } from "../src/model/object-status.ts";
import type { WireEvent } from "../src/model/wire.ts";
import type { StatusStore } from "../src/store/status-store.ts";
import { useTestTable } from "../src/store/testing/test-store.ts";
import { at, delta, upsert } from "../src/store/testing/wire-events.ts";

// Property tests of applyBatch against the embedded table. The model below is written separately
// from the store's fold on purpose: it states the rule ("apply in resourceVersion order; only a
// change of health, kstatus, phase, components or values is written") as plainly as possible.

const t = useTestTable();
const NAMES = ["a", "b", "c"] as const;

const statusArb: fc.Arbitrary<ObjectStatus> = fc.record({
  health: fc.constantFrom("Healthy", "Progressing", "Degraded"),
  kstatus: fc.constantFrom("Current", "InProgress"),
  message: fc.constantFrom("", "rolling out", "1 of 3 ready"),
  phase: fc.constantFrom(undefined, "Running"),
  values: fc.constantFrom(undefined, { replicas: 3 }, { replicas: 2 }),
});

/** A cluster's true history: events in resourceVersion order, interleaved across objects. */
const historyArb = fc
  .array(fc.record({ object: fc.nat(NAMES.length - 1), status: statusArb, del: fc.nat(9) }), {
    minLength: 1,
    maxLength: 24,
  })
  .map((steps) =>
    steps.map(({ object, status, del }, i): WireEvent => {
      const event = upsert(NAMES[object] ?? "a", i + 1, status);
      return del === 0 ? { ...event, type: "DELETE" } : event;
    }),
  );

interface Model {
  status: ObjectStatus;
  rv: number;
  transitions: { from?: ObjectStatus; to: ObjectStatus; rv: string }[];
}

const fieldsOf = (s: ObjectStatus) =>
  JSON.stringify([s.health, s.kstatus, s.phase ?? "", s.components ?? {}, s.values ?? {}]);

/** Applies batches as documented: per batch, each object's events in rv order; rv moves on transitions only. */
function model(batches: WireEvent[][]): Map<string, Model> {
  const state = new Map<string, Model>();
  for (const batch of batches) {
    for (const event of [...batch].sort((x, y) => Number(x.resourceVersion) - Number(y.resourceVersion))) {
      const rv = Number(event.resourceVersion);
      const current = state.get(event.object.name);
      if (current && rv <= current.rv) continue;
      const to: ObjectStatus =
        event.type === "DELETE"
          ? { health: "Missing", kstatus: "NotFound", message: event.status.message || "Object was deleted" }
          : event.status;
      if (current && fieldsOf(current.status) === fieldsOf(to)) continue;
      const transitions = [...(current?.transitions ?? []), { from: current?.status, to, rv: String(rv) }];
      state.set(event.object.name, { status: to, rv, transitions });
    }
  }
  return state;
}

async function expectStoreEqualsModel(store: StatusStore, cluster: string, expected: Map<string, Model>) {
  for (const name of NAMES) {
    const want = expected.get(name);
    const got = await store.getObject(cluster, {
      group: "apps",
      kind: "Deployment",
      namespace: "default",
      name,
    });
    if (!want) {
      expect(got).toBeUndefined();
      continue;
    }
    expect(got?.status).toEqual(clean(want.status));
    expect(got?.resourceVersion).toBe(String(want.rv));
    expect(got?.transitions).toBe(want.transitions.length);
    const history = await store.listHistory(
      cluster,
      `apps#Deployment#default#${name}`,
      { limit: 500 },
      at(0),
    );
    const recorded = history.items.reverse().map((h) => ({ from: h.from, to: h.to, rv: h.resourceVersion }));
    expect(recorded).toEqual(
      want.transitions.map((x) => ({ from: x.from && clean(x.from), to: clean(x.to), rv: x.rv })),
    );
  }
}

/** The store reads back only what is set. */
const clean = (s: ObjectStatus): ObjectStatus =>
  Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as ObjectStatus;

/** Cuts deliveries into batches and shuffles each batch (the fold sorts it again). */
function toBatches(deliveries: WireEvent[], cuts: number[], seed: number): WireEvent[][] {
  const batches: WireEvent[][] = [];
  let i = 0;
  for (const size of cuts) {
    if (i >= deliveries.length) break;
    batches.push(deliveries.slice(i, i + size));
    i += size;
  }
  if (i < deliveries.length) batches.push(deliveries.slice(i));
  return batches.map((b, n) => shuffle(b, seed + n));
}

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 48271) % 2147483647;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function applyAll(cluster: string, batches: WireEvent[][]) {
  for (const [seq, batch] of batches.entries())
    await t.store.applyBatch(cluster, delta(batch, seq), at(1000 + seq));
}

const cutsArb = fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 30 });

describe("applyBatch, property-based", () => {
  it("equals applying the events in resourceVersion order, whatever the interleaving and the duplicates", async () => {
    // The relay's delivery: each object's events in order, objects interleaved any way, any earlier
    // event delivered again later (retries), any order inside a batch.
    const deliveryArb = historyArb.chain((events) =>
      fc.record({
        events: fc.constant(events),
        picks: fc.array(fc.nat(NAMES.length - 1), {
          minLength: events.length * 3,
          maxLength: events.length * 3,
        }),
        replays: fc.array(fc.record({ at: fc.nat(), of: fc.nat() }), { maxLength: 10 }),
        cuts: cutsArb,
        seed: fc.nat(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(deliveryArb, async ({ events, picks, replays, cuts, seed }) => {
        const queues = NAMES.map((n) => events.filter((e) => e.object.name === n));
        const deliveries: WireEvent[] = [];
        for (const pick of [...picks, 0, 1, 2]) {
          for (let k = 0; k < NAMES.length; k++) {
            const event = queues[(pick + k) % NAMES.length]?.shift();
            if (event) {
              deliveries.push(event);
              break;
            }
          }
        }
        for (const replay of replays) {
          const pos = replay.at % (deliveries.length + 1);
          if (pos > 0) deliveries.splice(pos, 0, deliveries[replay.of % pos] as WireEvent);
        }
        const cluster = t.cluster();
        await applyAll(cluster, toBatches(deliveries, cuts, seed));
        await expectStoreEqualsModel(t.store, cluster, model([events]));
      }),
      { numRuns: 60 },
    );
  });

  it("under any reordering, follows the documented per-batch rule and never moves a resourceVersion back", async () => {
    const deliveryArb = historyArb.chain((events) =>
      fc.record({
        deliveries: fc.shuffledSubarray([...events, ...events], { minLength: events.length }),
        cuts: cutsArb,
        seed: fc.nat(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(deliveryArb, async ({ deliveries, cuts, seed }) => {
        const cluster = t.cluster();
        const batches = toBatches(deliveries, cuts, seed);
        const highest = new Map<string, number>();
        for (const [seq, batch] of batches.entries()) {
          await t.store.applyBatch(cluster, delta(batch, seq), at(1000 + seq));
          for (const o of (await t.store.listObjects(cluster)).items) {
            expect(Number(o.resourceVersion)).toBeGreaterThanOrEqual(highest.get(o.name) ?? 0);
            highest.set(o.name, Number(o.resourceVersion));
          }
        }
        await expectStoreEqualsModel(t.store, cluster, model(batches));
      }),
      { numRuns: 60 },
    );
  });
});
