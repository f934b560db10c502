import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HEALTH, KSTATUS } from "../../model/object-status.ts";
import { wireEventSchema } from "../../model/wire.ts";
import { HEALTHY, upsert } from "../../store/testing/wire-events.ts";
import { passesWireSchema } from "./wire-check.ts";

// The hand-written check stands in for wireEventSchema on the send path, so the two must agree.
// Strings are drawn around each limit of the schema (one under, at, one over), in code units that
// include surrogate pairs; numbers include NaN, ±Infinity, -0, fractions and unsafe integers.

/** Mostly strings that fit (often exactly at a limit), sometimes one just past it or in surrogate pairs. */
const textAround = (min: number, max: number) =>
  fc.oneof(
    { weight: 40, arbitrary: fc.constantFrom(min, max, Math.min(max, 8)).map((n) => "x".repeat(n)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(max + 1, max + 2, Math.max(0, min - 1)).map((n) => "x".repeat(n)),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: Math.max(0, max - 2), max: max + 3 })
        .map((n) => "é😀".repeat(Math.ceil(n / 3) + 1).slice(0, n)),
    },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
  );

const numberish = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0 }) },
  fc.double(),
  fc.constantFrom(0, -0, -1, 0.5, 2 ** 53 - 1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY),
);

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
const datetime = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .date({ min: new Date("1970-01-01"), max: new Date("2200-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc
    .record({
      year: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
      month: two(13),
      day: two(32),
      hour: two(25),
      minute: two(61),
      second: two(61),
      fraction: fc.constantFrom("", ".5", ".123", ".123456789", "."),
      zone: fc.constantFrom("Z", "z", "+01:00", "-23:59", "+24:00", "+0100", ""),
    })
    .map((t) => `${t.year}-${t.month}-${t.day}T${t.hour}:${t.minute}:${t.second}${t.fraction}${t.zone}`),
  fc.string(),
);

/** Identity text: mostly what Kubernetes would serve, often one of its rules' edge cases, sometimes anything. */
const kubeText = (min: number, max: number, cases: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...cases) },
    { weight: 1, arbitrary: textAround(min, max) },
  );

const LONG = (n: number, c = "a") => c.repeat(n);
const API_VERSIONS = [
  "v1",
  "apps/v1",
  "metrics.keptn.sh/v1beta1",
  "/v1",
  "apps/",
  "Apps/v1",
  "a/b/c",
  "1v",
  "v1-",
  `${LONG(63, "v")}`,
  `${LONG(64, "v")}`,
  `${LONG(253)}/v1`,
  `${LONG(254)}/v1`,
  "a..b/v1",
  "a.b/v1",
];
const KINDS = [
  "Deployment",
  "KeptnMetric",
  "pod",
  "1Pod",
  "Pod-",
  "Po-d",
  "Po_d",
  "Pöd",
  LONG(63, "K"),
  LONG(64, "K"),
];
const NAMESPACES = ["", "default", "kube-system", "Default", "-a", "a-", "a.b", "a#b", LONG(63), LONG(64)];
const NAMES = [
  "web",
  "system:controller:x",
  ".",
  "..",
  "...",
  "a/b",
  "a%b",
  "a#b",
  "a\nb",
  "\ud800",
  "\udc00",
  "😀",
  "é",
  LONG(253),
  LONG(254),
];
const UIDS = ["0b5c4c1a-7e8f-4a2b-9c3d-1e2f3a4b5c6d", "", "\ud800x", LONG(64), LONG(65)];
const LABEL_KEYS = [
  "app",
  "app.kubernetes.io/name",
  "/name",
  "a/b/c",
  "_x",
  "x_",
  "x.y-z_w",
  "A/b",
  LONG(63),
  LONG(64),
  `${LONG(253)}/x`,
  `${LONG(254)}/x`,
];
const LABEL_VALUES = ["", "v", "v1.2_3-x", "-v", "v.", "a b", LONG(63), LONG(64)];

const key = (limit: number) => textAround(0, limit).filter((k) => k !== "__proto__");
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

/** Events of the wire's shape, every field of the right type, each near or past its limits. */
const shapedEvent = fc.record({
  type: fc.constantFrom("UPSERT", "DELETE", "UPSERT", "DELETE", "upsert"),
  object: fc.record({
    apiVersion: kubeText(1, 317, API_VERSIONS),
    kind: kubeText(1, 63, KINDS),
    namespace: maybe(kubeText(0, 63, NAMESPACES)),
    name: kubeText(1, 253, NAMES),
    uid: maybe(kubeText(0, 64, UIDS)),
    labels: maybe(
      fc.dictionary(
        kubeText(0, 317, LABEL_KEYS).filter((k) => k !== "__proto__"),
        kubeText(0, 63, LABEL_VALUES),
        { maxKeys: 3 },
      ),
    ),
  }),
  status: fc.record({
    health: fc.constantFrom(...HEALTH, ...HEALTH, "healthy"),
    kstatus: fc.constantFrom(...KSTATUS, ...KSTATUS, "Ready"),
    message: textAround(0, 4096),
    phase: maybe(textAround(0, 256)),
    components: maybe(fc.dictionary(key(640), textAround(0, 1024), { maxKeys: 3 })),
    values: maybe(fc.dictionary(key(256), numberish, { maxKeys: 3 })),
  }),
  resourceVersion: textAround(1, 64),
  generation: maybe(numberish),
  observedAt: datetime,
  gap: maybe(fc.record({ count: numberish, from: datetime, to: datetime })),
});

const FIELD_NAMES = ["type", "object", "status", "resourceVersion", "generation", "observedAt"];
const PART_NAMES = ["apiVersion", "kind", "namespace", "name", "uid", "labels", "health", "kstatus"];

/** Events of the wire's shape with one field (or a new one) replaced by anything at all. */
const looseEvent = fc.oneof(
  fc.anything(),
  fc
    .tuple(
      shapedEvent,
      fc.constantFrom("event", "object", "status"),
      fc.oneof(fc.constantFrom(...FIELD_NAMES, ...PART_NAMES, "message", "phase", "values"), fc.string()),
      fc.anything(),
    )
    .map(([event, part, key, value]) => {
      const parts: Record<string, Record<string, unknown>> = {
        event,
        object: event.object,
        status: event.status,
      };
      const target = parts[part] ?? {};
      target[key] = value;
      return event;
    }),
);

const zodAccepts = (value: unknown) => wireEventSchema.safeParse(value).success;

describe("passesWireSchema", () => {
  it("vouches for an ordinary event the relay sends", () => {
    expect(passesWireSchema(upsert("web", 7, HEALTHY))).toBe(true);
  });

  it("agrees with wireEventSchema on every event of the wire's shape", () => {
    fc.assert(
      fc.property(shapedEvent, (event) => {
        expect(passesWireSchema(event)).toBe(zodAccepts(event));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with wireEventSchema on each edge case of Kubernetes' name rules", () => {
    const cases = {
      apiVersion: API_VERSIONS,
      kind: KINDS,
      namespace: NAMESPACES,
      name: NAMES,
      uid: UIDS,
      labels: [...LABEL_KEYS.map((k) => ({ [k]: "v" })), ...LABEL_VALUES.map((v) => ({ app: v }))],
    };
    for (const [field, values] of Object.entries(cases))
      for (const value of values) {
        const event = upsert("web", 7, HEALTHY);
        const object = { ...event.object, [field]: value };
        expect(passesWireSchema({ ...event, object }), `${field} ${JSON.stringify(value)}`).toBe(
          zodAccepts({ ...event, object }),
        );
      }
  });

  it("never vouches for a value wireEventSchema refuses", () => {
    fc.assert(
      fc.property(looseEvent, (value) => {
        if (passesWireSchema(value)) expect(zodAccepts(value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
