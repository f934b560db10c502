import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { deleteManagedFields, withoutManagedFields } from "./managed-fields-cut.ts";

const ENTRY = {
  manager: "kubelet",
  operation: "Update",
  apiVersion: "v1",
  time: "2026-11-22T00:00:00Z",
  fieldsType: "FieldsV1",
  fieldsV1: { "f:status": { 'k:{"type":"Ready"}': { ".": {}, "f:status": {} }, 'f:odd\\"]}[{': {} } },
  subresource: "status",
};

const event = (object: unknown) => ({ type: "MODIFIED", object });

function cutThenParse(value: unknown): unknown {
  return JSON.parse(withoutManagedFields(JSON.stringify(value)));
}

/** As the value comes back from JSON (no -0). */
const normal = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** The event with `object.metadata.managedFields` deleted, when that is an array. */
function expectedCut(value: { type: string; object: unknown }): unknown {
  const copy = normal(value) as { object?: { metadata?: Record<string, unknown> } };
  const metadata = copy.object?.metadata;
  if (metadata && typeof metadata === "object" && Array.isArray(metadata.managedFields))
    delete metadata.managedFields;
  return copy;
}

describe("withoutManagedFields", () => {
  test.each([
    ["last member of metadata (typed objects)", { name: "a", uid: "u", managedFields: [ENTRY] }],
    [
      "a middle member (unstructured objects sort their keys)",
      { labels: { a: "b" }, managedFields: [ENTRY, ENTRY], name: "a" },
    ],
    ["the first member", { managedFields: [ENTRY], name: "a" }],
    ["an empty list", { name: "a", managedFields: [] }],
    ["the only member", { managedFields: [ENTRY] }],
  ])("cuts managedFields as %s, leaving everything else", (_label, metadata) => {
    const watched = event({ kind: "Pod", metadata, status: { phase: "Running" } });
    expect(cutThenParse(watched)).toEqual(expectedCut(watched));
    expect(JSON.stringify(cutThenParse(watched))).not.toContain("managedFields");
  });

  test("cuts only the object's own metadata.managedFields, not one nested elsewhere", () => {
    const watched = event({
      apiVersion: "example.com/v1",
      embedded: { metadata: { managedFields: [ENTRY] } },
      kind: "Bundle",
      metadata: {
        annotations: { copy: '{"managedFields":[1]}' },
        labels: { managedFields: "x" },
        managedFields: [ENTRY],
      },
      status: { resources: [{ metadata: { managedFields: [ENTRY] } }] },
    });
    const cut = cutThenParse(watched) as { object: { embedded: { metadata: { managedFields: unknown[] } } } };
    expect(cut).toEqual(expectedCut(watched));
    expect(cut.object.embedded.metadata.managedFields).toHaveLength(1);
  });

  test("has a twin for parsed objects that drops the same member in place", () => {
    const object = {
      kind: "Pod",
      metadata: { name: "a", managedFields: [ENTRY] },
      spec: { managedFields: [1] },
    };
    deleteManagedFields(object);
    const bare = { kind: "NoMetadata" };
    deleteManagedFields(bare);
    expect(bare).toEqual({ kind: "NoMetadata" });
    expect(object).toEqual({ kind: "Pod", metadata: { name: "a" }, spec: { managedFields: [1] } });
  });

  test("leaves a line without managedFields as it is", () => {
    const line = JSON.stringify(event({ metadata: { name: "a" } }));
    expect(withoutManagedFields(line)).toBe(line);
  });

  test("leaves the line whole when managedFields is not an array, or the line is not compact JSON or cut short", () => {
    for (const line of [
      JSON.stringify(event({ metadata: { managedFields: null, name: "a" } })),
      JSON.stringify(event({ metadata: { name: "a", managedFields: [ENTRY] } }), null, 1),
      JSON.stringify(event({ metadata: { name: "a", managedFields: [ENTRY] } })).slice(0, 120),
    ])
      expect(withoutManagedFields(line)).toBe(line);
  });

  test("equals parsing whole and deleting object.metadata.managedFields, for any object", () => {
    fc.assert(
      fc.property(
        fc.dictionary(text, json, { maxKeys: 4 }),
        fc.array(json, { maxLength: 3 }),
        fc.dictionary(text, json, { maxKeys: 4 }),
        fc.boolean(),
        (meta, managedFields, rest, first) => {
          const { managedFields: _ignored, ...others } = meta;
          const metadata = first ? { managedFields, ...others } : { ...others, managedFields };
          const watched = event({ apiVersion: "v1", kind: "X", ...rest, metadata });
          expect(cutThenParse(watched)).toEqual(expectedCut(watched));
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("changes nothing but that one member, for any event", () => {
    fc.assert(
      fc.property(json, (object) => {
        const watched = event(object);
        const cut = cutThenParse(watched);
        expect([normal(watched), expectedCut(watched)]).toContainEqual(cut);
      }),
      { numRuns: 1000 },
    );
  });
});

// Strings built from the characters the cut must see through, and the key itself.
const unit = fc.oneof(
  fc.constantFrom('"', "\\", "[", "]", "{", "}", ",", ":", "managedFields", '"managedFields":[', "metadata"),
  fc.string({ maxLength: 2 }),
);
const text = fc.string({ unit, maxLength: 6 });
const json = fc.jsonValue({ maxDepth: 4, stringUnit: unit });
