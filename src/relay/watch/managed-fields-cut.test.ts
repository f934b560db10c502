import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { withoutManagedFields } from "./managed-fields-cut.ts";

const ENTRY = {
  manager: "kubelet",
  operation: "Update",
  apiVersion: "v1",
  time: "2026-11-22T00:00:00Z",
  fieldsType: "FieldsV1",
  fieldsV1: { "f:status": { 'k:{"type":"Ready"}': { ".": {}, "f:status": {} }, 'f:odd\\"]}[{': {} } },
  subresource: "status",
};

function cutThenParse(value: unknown): unknown {
  return JSON.parse(withoutManagedFields(JSON.stringify(value)));
}

describe("withoutManagedFields", () => {
  test.each([
    ["last key of metadata (typed objects)", { name: "a", uid: "u", managedFields: [ENTRY] }],
    [
      "a middle key (unstructured objects sort their keys)",
      { labels: {}, managedFields: [ENTRY, ENTRY], name: "a" },
    ],
    ["the first key", { managedFields: [ENTRY], name: "a" }],
    ["an empty list", { name: "a", managedFields: [] }],
    ["the only key", { managedFields: [ENTRY] }],
  ])("cuts managedFields as %s, leaving everything else", (_label, metadata) => {
    const event = { type: "MODIFIED", object: { kind: "Pod", metadata, status: { phase: "Running" } } };
    const { managedFields: _cut, ...rest } = metadata as Record<string, unknown>;
    expect(cutThenParse(event)).toEqual({ ...event, object: { ...event.object, metadata: rest } });
  });

  test("leaves a line without managedFields as it is", () => {
    const line = JSON.stringify({ type: "ADDED", object: { metadata: { name: "a" } } });
    expect(withoutManagedFields(line)).toBe(line);
  });

  test("does not take a string that mentions managedFields for the key", () => {
    const object = {
      metadata: { annotations: { note: '{"managedFields":[1,2]}', 'a"managedFields': "x" }, name: "a" },
      spec: { 'k"managedFields': [1] },
    };
    expect(cutThenParse({ type: "ADDED", object })).toEqual({ type: "ADDED", object });
  });

  test("leaves the line whole when managedFields is not an array or the line is cut short", () => {
    const notArray = JSON.stringify({ metadata: { managedFields: null, name: "a" } });
    expect(withoutManagedFields(notArray)).toBe(notArray);
    const truncated = JSON.stringify({ metadata: { name: "a", managedFields: [ENTRY] } }).slice(0, 80);
    expect(withoutManagedFields(truncated)).toBe(truncated);
  });

  test("equals parsing whole and deleting metadata.managedFields, for any metadata", () => {
    fc.assert(
      fc.property(
        fc.dictionary(text, realistic, { maxKeys: 4 }),
        fc.array(json, { maxLength: 3 }),
        fc.dictionary(text, json, { maxKeys: 4 }),
        fc.boolean(),
        (meta, managedFields, rest, first) => {
          const { managedFields: _ignored, ...others } = meta;
          const metadata = first ? { managedFields, ...others } : { ...others, managedFields };
          const object = { apiVersion: "v1", kind: "X", metadata, ...rest };
          const expected = { type: "MODIFIED", object: { ...object, metadata: others } };
          expect(cutThenParse({ type: "MODIFIED", object })).toEqual(normal(expected));
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("removes at most one managedFields list and nothing else, for any event", () => {
    fc.assert(
      fc.property(json, (object) => {
        const event = { type: "MODIFIED", object };
        const allowed = [normal(event), ...withoutOneManagedFields(normal(event))];
        expect(allowed).toContainEqual(cutThenParse(event));
      }),
      { numRuns: 1000 },
    );
  });
});

// Strings built from the characters the cut must see through, and the key itself.
const unit = fc.oneof(
  fc.constantFrom('"', "\\", "[", "]", "{", "}", ",", ":", "managedFields", '"managedFields":['),
  fc.string({ maxLength: 2 }),
);
const text = fc.string({ unit, maxLength: 6 });
const json = fc.jsonValue({ maxDepth: 4, stringUnit: unit });
/** Metadata values as a server has them: nothing under metadata holds another managedFields key. */
const realistic = fc.jsonValue({ maxDepth: 3 }).filter((v) => !JSON.stringify(v).includes('"managedFields"'));

/** As the value comes back from JSON (no -0). */
const normal = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** Every copy of `value` with one `managedFields` list removed from one object. */
function withoutOneManagedFields(value: unknown): unknown[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) =>
      withoutOneManagedFields(item).map((cut) => value.map((v, j) => (j === i ? cut : v))),
    );
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  const variants: unknown[] = [];
  if (Array.isArray(record.managedFields)) {
    const { managedFields: _cut, ...rest } = record;
    variants.push(rest);
  }
  for (const [key, child] of Object.entries(record))
    for (const cut of withoutOneManagedFields(child)) variants.push({ ...record, [key]: cut });
  return variants;
}
