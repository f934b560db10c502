import { describe, expect, it } from "vitest";
import { HEALTHY, upsert } from "../store/testing/wire-events.ts";
import { MAX_SNAPSHOT_PART, snapshotSchema, wireEventSchema } from "./wire.ts";

// The wire refuses what Kubernetes would refuse, naming the field: an identity no API server could
// have served is a client's bug, and collisions in the store begin with such identities.

const event = (object: Record<string, unknown>) => ({
  ...upsert("web", 7, HEALTHY),
  object: { apiVersion: "apps/v1", kind: "Deployment", namespace: "default", name: "web", ...object },
});

/** Every `path: message` the schema gives for one event. */
function problemsOf(object: Record<string, unknown>): string[] {
  const result = wireEventSchema.safeParse(event(object));
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("the wire's object identity", () => {
  it.each([
    { apiVersion: "v1" },
    { apiVersion: "metrics.keptn.sh/v1beta1" },
    { kind: "KeptnMetric" },
    { kind: "Pod" },
    { namespace: "" },
    { namespace: "kube-system" },
    { namespace: "a".repeat(63) },
    // RBAC names are path segments, the most permissive rule of any kind: these are all valid.
    { name: "system:controller:replicaset-controller" },
    { name: "a#b" },
    { name: "line\nbreak" },
    { name: "😀" },
    { name: "a".repeat(253) },
    { uid: "0b5c4c1a-7e8f-4a2b-9c3d-1e2f3a4b5c6d" },
    { labels: { app: "web", "app.kubernetes.io/name": "shop", empty: "" } },
  ])("accepts what Kubernetes accepts: %o", (object) => {
    expect(problemsOf(object)).toEqual([]);
  });

  it.each([
    ["apiVersion", "Apps/v1"],
    ["apiVersion", "apps/"],
    ["apiVersion", "/v1"],
    ["apiVersion", "a/b/c"],
    ["apiVersion", "1v"],
    ["apiVersion", `${"a".repeat(254)}/v1`],
    ["apiVersion", "apps#Deployment/v1"],
    ["kind", "1Pod"],
    ["kind", "Pod-"],
    ["kind", "Po#d"],
    ["kind", "K".repeat(64)],
    ["namespace", "x#y"],
    ["namespace", "Default"],
    ["namespace", "a.b"],
    ["namespace", "-a"],
    ["namespace", "a".repeat(64)],
    ["name", "."],
    ["name", ".."],
    ["name", "a/b"],
    ["name", "a%23b"],
    ["name", "\ud800"],
    ["name", "\udc00"],
    ["name", "a".repeat(254)],
    ["uid", "x\udc00"],
  ])("refuses %s %j, naming the field", (field, value) => {
    const problems = problemsOf({ [field]: value });
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(new RegExp(`^object\\.${field}: `));
  });

  it.each([
    [{ "-app": "web" }, "object.labels.-app: label key must be a qualified name"],
    [{ "/app": "web" }, "object.labels./app: label key must be a qualified name"],
    [{ "a/b/c": "web" }, "object.labels.a/b/c: label key must be a qualified name"],
    [{ ["a".repeat(64)]: "web" }, `object.labels.${"a".repeat(64)}: label key must be a qualified name`],
    [{ app: "web shop" }, 'object.labels.app: must be "" or at most 63'],
    [{ app: "a".repeat(64) }, "object.labels.app: "],
  ])("refuses the labels %j, naming the label", (labels, problem) => {
    expect(problemsOf({ labels })).toContainEqual(expect.stringContaining(problem));
  });
});

describe("the wire's snapshot part", () => {
  const snapshot = (part: number) => ({
    id: "s1",
    part,
    last: true,
    kinds: ["apps/Deployment"],
    listedAt: "2025-03-01T10:00:00Z",
  });

  it("fits the store's six-digit part key", () => {
    expect(String(MAX_SNAPSHOT_PART)).toHaveLength(6);
    expect(snapshotSchema.safeParse(snapshot(MAX_SNAPSHOT_PART)).success).toBe(true);
  });

  it.each([MAX_SNAPSHOT_PART + 1, 5_000_000, 2 ** 53 - 1])("refuses part %d, naming the field", (part) => {
    const result = snapshotSchema.safeParse(snapshot(part));
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["part"]);
  });
});
