import { describe, expect, it } from "vitest";
import { compileRe2 } from "./re2.ts";

function matches(pattern: string, value: string): boolean {
  const regex = compileRe2(pattern);
  if (typeof regex === "string") throw new Error(regex);
  return regex.test(value);
}

describe("compileRe2", () => {
  it("anchors the whole value, as Prometheus does", () => {
    expect(matches("prod", "prod-eu")).toBe(false);
    expect(matches("prod.*", "prod-eu")).toBe(true);
    expect(matches("a|b", "xb")).toBe(false);
  });

  it("lets . match a newline, as (?s) does", () => {
    expect(matches("a.b", "a\nb")).toBe(true);
  });

  it("turns a leading (?i) into a case-insensitive match", () => {
    expect(matches("(?i)degraded", "Degraded")).toBe(true);
  });

  it("translates named groups, \\A, \\z and POSIX classes", () => {
    expect(matches("(?P<env>prod|dev)-\\d+", "prod-1")).toBe(true);
    expect(matches("\\Aab\\z", "ab")).toBe(true);
    expect(matches("[[:alpha:]]+[[:digit:]]", "eu1")).toBe(true);
    expect(matches("[[:alpha:]]+", "eu-1")).toBe(false);
  });

  it("keeps a ] right after [ as a member of the class", () => {
    expect(matches("[]a]+", "a]a")).toBe(true);
  });

  it("accepts escapes RE2 allows but Unicode-mode RegExp does not", () => {
    expect(matches("a\\-b", "a-b")).toBe(true);
  });

  it.each([
    ["x(?=y)", "lookaround assertions are not supported by RE2"],
    ["(?<!x)y", "lookaround assertions are not supported by RE2"],
    ["(a)\\1", "backreferences are not supported by RE2"],
    ["a(?m)b", "inline flags other than a leading (?i) are not supported"],
    ["[[:^alpha:]]", "unsupported character class [:^alpha:]"],
    ["a\\", "trailing backslash"],
    ["a{2,1}", 'invalid regular expression "a{2,1}": numbers out of order in {} quantifier'],
  ])("refuses %s", (pattern, problem) => {
    expect(compileRe2(pattern)).toBe(problem);
  });
});
