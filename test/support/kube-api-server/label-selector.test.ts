import { describe, expect, test } from "vitest";
import { parseLabelSelector, SelectorParseError } from "./label-selector.ts";

const labels = { app: "web", tier: "front", replicas: "3" };

describe("label selectors", () => {
  test.each([
    ["", true],
    ["app=web", true],
    ["app==web", true],
    ["app=db", false],
    ["app!=db", true],
    ["missing!=x", true],
    ["app in (web, db)", true],
    ["app notin (web)", false],
    ["missing notin (web)", true],
    ["missing in (web)", false],
    ["tier", true],
    ["!tier", false],
    ["!missing", true],
    ["replicas>2", true],
    ["replicas<2", false],
    ["app=web,tier=back", false],
    [" app = web , tier in (front) ", true],
  ])("%j matches the labels: %s", (selector, expected) => {
    expect(parseLabelSelector(selector)(labels)).toBe(expected);
  });

  test.each(["app in web", "=web", "app=(web)", "replicas>two", "a b"])(
    "refuses the malformed selector %j",
    (selector) => {
      expect(() => parseLabelSelector(selector)).toThrow(SelectorParseError);
    },
  );
});
