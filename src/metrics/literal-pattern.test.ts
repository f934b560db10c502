import { describe, expect, it } from "vitest";
import { literalPattern } from "./literal-pattern.ts";
import { compileRe2 } from "./re2.ts";

const VALUES = ["", "a", "ab", "abc", "b", "a.b", "axb", "a\nb", "prod", "prod-eu", "PROD", "é", "x|y"];

describe("literalPattern", () => {
  it.each([
    ["prod"],
    ["Degraded|Progressing"],
    ["a|"],
    [""],
    ["a\\.b"],
    ["x\\|y"],
    ["prod.*"],
    ["a.*|b"],
    [".*"],
    ["é|a"],
  ])("answers %j as RE2 does, without the regex engine", (pattern) => {
    const fast = literalPattern(pattern);
    const re2 = compileRe2(`(?:${pattern})`); // the group keeps it off the fast path
    if (fast === undefined || typeof re2 === "string") throw new Error(`${pattern}: not compiled`);
    for (const value of VALUES) expect([value, fast.test(value)]).toEqual([value, re2.test(value)]);
  });

  it.each([["a.b"], ["a+"], ["(?i)prod"], ["a.*b"], ["[ab]"], ["\\d"], ["a.*?"], ["a\\"], ["a{2}"], ["^a"]])(
    "leaves %j to RE2",
    (pattern) => {
      expect(literalPattern(pattern)).toBeUndefined();
    },
  );
});
