import { expect, test } from "vitest";
import { parseWatchLine } from "./watch-line.ts";

const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" } };

test("reads a watch event as kubectl prints it", () => {
  expect(parseWatchLine(JSON.stringify({ type: "MODIFIED", object: pod }))).toEqual({
    events: [{ type: "MODIFIED", object: pod }],
  });
});

test("reads a bare object as ADDED", () => {
  expect(parseWatchLine(JSON.stringify(pod))).toEqual({ events: [{ type: "ADDED", object: pod }] });
});

test("reads a list as one ADDED per item", () => {
  const list = { apiVersion: "v1", kind: "List", items: [pod, { ...pod, metadata: { name: "api" } }] };
  expect(parseWatchLine(JSON.stringify(list))).toMatchObject({
    events: [{ type: "ADDED" }, { type: "ADDED" }],
  });
});

test("passes over blank lines and bookmarks", () => {
  expect(parseWatchLine("  ")).toEqual({ events: [] });
  expect(parseWatchLine(JSON.stringify({ type: "BOOKMARK", object: { metadata: {} } }))).toEqual({
    events: [],
  });
});

test.each([
  ["{oops", /not JSON/],
  ["[1, 2]", /expected a JSON object/],
  [JSON.stringify({ type: "ERROR", object: { code: 410 } }), /unknown event type "ERROR"/],
  [JSON.stringify({ type: "ADDED", object: { kind: "Pod", metadata: {} } }), /no apiVersion, metadata\.name/],
])("explains why %s is unusable", (line, reason) => {
  const parsed = parseWatchLine(line);
  expect("error" in parsed && parsed.error).toMatch(reason);
});
