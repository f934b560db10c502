import type * as z from "zod";
import { objectStatusSchema } from "../../model/object-status.ts";
import { objectIdentitySchema, wireEventSchema } from "../../model/wire.ts";

// Every event the relay sends is checked against wireEventSchema, and zod's safeParse of one event
// cost more than the rest of the send path. This is the same check written out by hand, its limits
// read off the schemas so they stay the one place the wire's rules are written. It only ever says
// yes for an event the schema accepts (wire-check.test.ts fuzzes both); anything it will not vouch
// for goes to zod, which decides and says why.

type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A check as zod describes it: what it is, and the bounds or format it holds. */
interface CheckDef {
  check?: string;
  format?: string;
  pattern?: unknown;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  fn?: (value: unknown) => unknown;
}

const checksOf = (schema: z.ZodType): CheckDef[] =>
  ((schema.def as { checks?: { _zod: { def: CheckDef } }[] }).checks ?? []).map((c) => c._zod.def);

// A constraint this file does not know makes its check say no, always: zod then decides every such event.
const never: Check = () => false;

/** A string check; `remember` is how many accepted texts it keeps so as not to test them again. */
function text(schema: z.ZodType, remember = 1): Check {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  const rules: ((value: string) => boolean)[] = [];
  const own = schema.def as CheckDef & { type: string };
  if (own.type !== "string") return never;
  if (own.check !== undefined) {
    // The datetime format is its regex alone; other formats (url, email, …) check more than that.
    if (own.check !== "string_format" || own.format !== "datetime" || !(own.pattern instanceof RegExp))
      return never;
    rules.push(testOf(own.pattern));
  }
  for (const def of checksOf(schema)) {
    if (def.check === "min_length" && def.minimum !== undefined) min = Math.max(min, def.minimum);
    else if (def.check === "max_length" && def.maximum !== undefined) max = Math.min(max, def.maximum);
    else if (def.check === "string_format" && def.format === "regex" && def.pattern instanceof RegExp)
      rules.push(testOf(def.pattern));
    // A refinement is a function of the value (the Kubernetes name rules): the same call zod makes.
    else if (def.check === "custom" && typeof def.fn === "function") {
      const fn = def.fn;
      rules.push((value) => fn(value) === true);
    } else return never;
  }
  // Rules cost more than the rest (the datetime regex most), and neighbouring events often carry
  // the same apiVersion, kind and observedAt: the last text the rules accepted is not tested again.
  // Fields of few values (namespaces, label keys) remember up to `remember` of them.
  let accepted: string | undefined;
  const known = remember > 1 ? new Set<string>() : undefined;
  return (value) => {
    if (typeof value !== "string") return false;
    if (value === accepted || known?.has(value)) return true;
    // zod counts code points; UTF-16 units bound them from above, half the units from below.
    if (value.length > max || value.length < 2 * min) {
      const points = codePoints(value);
      if (points > max || points < min) return false;
    }
    if (rules.length === 0) return true;
    for (const rule of rules) if (!rule(value)) return false;
    accepted = value;
    if (known) {
      if (known.size >= remember) known.clear();
      known.add(value);
    }
    return true;
  };
}

const testOf =
  (pattern: RegExp) =>
  (value: string): boolean => {
    // A global or sticky regex remembers where it stopped; zod's test would start where that was.
    pattern.lastIndex = 0;
    return pattern.test(value);
  };

/** Code points of a string: UTF-16 units, a well-formed surrogate pair counting once. */
function codePoints(value: string): number {
  let count = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    if ((value.charCodeAt(i) & 0xfc00) === 0xd800 && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

function number(schema: z.ZodType): Check {
  let whole = false;
  let above = (_: number) => true;
  let below = (_: number) => true;
  if ((schema.def as { type: string }).type !== "number") return never;
  for (const def of checksOf(schema)) {
    const { value, inclusive } = def;
    const [lower, upper] = [above, below];
    if (def.check === "number_format" && def.format === "safeint") whole = true;
    else if (def.check === "greater_than" && value !== undefined)
      above = (n) => lower(n) && (inclusive ? n >= value : n > value);
    else if (def.check === "less_than" && value !== undefined)
      below = (n) => upper(n) && (inclusive ? n <= value : n < value);
    else return never;
  }
  // z.number() refuses NaN and ±Infinity; an integer must be a safe one.
  return (value) =>
    typeof value === "number" &&
    (whole ? Number.isSafeInteger(value) : Number.isFinite(value)) &&
    above(value) &&
    below(value);
}

function oneOf(schema: z.ZodEnum): Check {
  const options = new Set<unknown>(schema.options);
  return (value) => options.has(value);
}

const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);

/**
 * A record as zod reads one: own string keys only. A symbol key, a non-enumerable key, an odd
 * prototype or `__proto__` is left to zod rather than reproduced here.
 */
function record(keyCheck: Check, valueCheck: Check): Check {
  return (value) => {
    if (!isObject(value)) return false;
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key !== "string" || key === "__proto__") return false;
      if (!Object.prototype.propertyIsEnumerable.call(value, key)) return false;
      if (!keyCheck(key) || !valueCheck(value[key])) return false;
    }
    return true;
  };
}

/** An object's fields, each with its check; a field the schema has and this file does not: never. */
function object(schema: z.ZodObject, fields: Record<string, Check>): Check {
  if (Object.keys(schema.shape).some((key) => !(key in fields))) return never;
  const entries = Object.entries(fields);
  return (value) => {
    if (!isObject(value)) return false;
    for (const [key, check] of entries) if (!check(value[key])) return false;
    return true;
  };
}

const identity = objectIdentitySchema.shape;
const labels = identity.labels.unwrap().def;
const status = objectStatusSchema.shape;
const components = status.components.unwrap().def;
const values = status.values.unwrap().def;
const event = wireEventSchema.shape;
const gap = event.gap.unwrap();

/** How many values of a field with few of them (apiVersions, kinds, namespaces, labels) are remembered. */
const FEW = 1024;

/** True only when wireEventSchema accepts `value`; false may still be accepted (ask zod). */
export const passesWireSchema: Check = object(wireEventSchema, {
  type: oneOf(event.type),
  object: object(objectIdentitySchema, {
    apiVersion: text(identity.apiVersion, FEW),
    kind: text(identity.kind, FEW),
    namespace: optional(text(identity.namespace.unwrap(), FEW)),
    name: text(identity.name),
    uid: optional(text(identity.uid.unwrap())),
    labels: optional(record(text(labels.keyType, FEW), text(labels.valueType, FEW))),
  }),
  status: object(objectStatusSchema, {
    health: oneOf(status.health),
    kstatus: oneOf(status.kstatus),
    message: text(status.message),
    phase: optional(text(status.phase.unwrap())),
    components: optional(record(text(components.keyType), text(components.valueType))),
    values: optional(record(text(values.keyType), number(values.valueType))),
  }),
  resourceVersion: text(event.resourceVersion),
  generation: optional(number(event.generation.unwrap())),
  observedAt: text(event.observedAt),
  gap: optional(
    object(gap, {
      count: number(gap.shape.count),
      from: text(gap.shape.from),
      to: text(gap.shape.to),
    }),
  ),
});
