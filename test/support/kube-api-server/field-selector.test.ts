import { describe, expect, test } from "vitest";
import { parseFieldSelector } from "./field-selector.ts";
import { SelectorParseError } from "./label-selector.ts";
import { pod } from "./test-objects.ts";

const web = pod("web", { namespace: "shop", phase: "Running" });

describe("field selectors", () => {
  test.each([
    ["metadata.name=web", true],
    ["metadata.name==web", true],
    ["metadata.name!=web", false],
    ["metadata.namespace=shop,metadata.name=web", true],
    ["metadata.namespace=other", false],
  ])("%j matches the object: %s", (selector, expected) => {
    expect(parseFieldSelector(selector)(web)).toBe(expected);
  });

  test("supports the extra fields a resource registers", () => {
    expect(parseFieldSelector("status.phase=Running", ["status.phase"])(web)).toBe(true);
  });

  test("refuses a field the resource does not support, as a real server does", () => {
    expect(() => parseFieldSelector("status.phase=Running")).toThrow(
      new SelectorParseError("field label not supported: status.phase"),
    );
  });
});
