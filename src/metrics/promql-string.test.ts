import { describe, expect, it } from "vitest";
import { unquotePromqlString } from "./promql-string.ts";

describe("unquotePromqlString", () => {
  it.each([
    ['"plain"', "plain"],
    ['"tab\\there"', "tab\there"],
    ['"quote \\" inside"', 'quote " inside'],
    ["'single \\' inside'", "single ' inside"],
    ['"\\u00e9t\\U0001F600"', "ét😀"],
    ['"\\xc3\\xa9"', "é"],
    ['"\\303\\251"', "é"],
    ["`raw \\n stays`", "raw \\n stays"],
    ['"ünïcödé"', "ünïcödé"],
  ])("reads %s", (literal, value) => {
    expect(unquotePromqlString(literal)).toBe(value);
  });

  it.each([
    ['"\\q"', "invalid escape \\q"],
    ['"\\\'"', "invalid escape \\'"],
    ['"\\xZZ"', "invalid escape \\xZZ"],
    ['"\\uD800"', "invalid code point \\uD800"],
    ['"\\777"', "invalid escape \\777"],
    ['"\\xff"', "string is not valid UTF-8"],
    ['"open', "unterminated string"],
  ])("refuses %s", (literal, problem) => {
    expect(unquotePromqlString(literal)).toEqual({ problem });
  });
});
