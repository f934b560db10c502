import { describe, expect, it } from "vitest";
import { BadRequestError } from "../errors.ts";
import type { Matcher } from "./matcher.ts";
import { MAX_SELECTOR_LENGTH, MAX_SELECTORS } from "./selector-limits.ts";
import { parseSelector, parseSelectors } from "./selectors.ts";

function shape(result: Matcher[] | string) {
  return typeof result === "string"
    ? result
    : result.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`);
}

describe("parseSelector", () => {
  it.each([
    ["up", ['__name__="up"']],
    [
      'argocd_phase{cluster="prod-eu",name!="x"}',
      ['cluster="prod-eu"', 'name!="x"', '__name__="argocd_phase"'],
    ],
    ['{__name__=~"mco_.*"}', ['__name__=~"mco_.*"']],
    ['{job=~"a|b", instance!~"c.*"}', ['job=~"a|b"', 'instance!~"c.*"']],
    ['{"status.recorder", "a.b"="c"}', ['a.b="c"', '__name__="status.recorder"']],
    ["up{a='x\\'y', b=`raw\\n`}", ['a="x\'y"', 'b="raw\\\\n"', '__name__="up"']],
    ['up{a="\\u00e9\\x41\\101",}', ['a="éAA"', '__name__="up"']],
    ["  up  # a comment", ['__name__="up"']],
  ])("reads %s", (selector, expected) => {
    expect(shape(parseSelector(selector))).toEqual(expected);
  });

  it.each([
    ["", "empty selector"],
    ["up{", "unexpected end of input at column 4"],
    ['up{a~"b"}', 'unexpected "~" at column 5'],
    ["up down", 'unexpected "down" at column 4'],
    ["rate(up[5m])", "expected a metric name and/or label matchers, got a function call"],
    ["up[5m]", "expected a metric name and/or label matchers, got a range selector"],
    ["up offset 5m", "expected a metric name and/or label matchers, got an offset modifier"],
    ["up @ 1700000000", "expected a metric name and/or label matchers, got an @ modifier"],
    ["up + 1", "expected a metric name and/or label matchers, got a binary expression"],
    ['"up"', "expected a metric name and/or label matchers, got a string"],
    ["{}", "vector selector must contain at least one non-empty matcher"],
    ['{a=""}', "vector selector must contain at least one non-empty matcher"],
    ['{a=~".*", b!="x"}', "vector selector must contain at least one non-empty matcher"],
    ['up{__name__="down"}', "metric name must not be set twice"],
    ['up{a="\\q"}', 'invalid escape \\q in "\\q"'],
    ['up{a=~"("}', 'label a: invalid regular expression "(": missing closing ): `(`'],
    [
      'up{a=~"(?=x)"}',
      'label a: invalid regular expression "(?=x)": lookaround assertions such as `(?=` are not supported by RE2',
    ],
  ])("refuses %j: %s", (selector, problem) => {
    expect(parseSelector(selector)).toBe(problem);
  });
});

describe("parseSelectors", () => {
  it("returns one matcher list per selector", () => {
    expect(parseSelectors(["up", '{job="x"}']).map(shape)).toEqual([['__name__="up"'], ['job="x"']]);
  });

  it("returns no selectors for none", () => {
    expect(parseSelectors([])).toEqual([]);
  });

  it("throws a BadRequestError naming the bad selector and its problem", () => {
    const parse = () => parseSelectors(["up", "rate(up[5m])"]);

    expect(parse).toThrow(BadRequestError);
    expect(parse).toThrow(
      "invalid series selector match[]=rate(up[5m]): expected a metric name and/or label matchers, got a function call",
    );
  });

  it("lists every bad selector as an issue", () => {
    const error = (() => {
      try {
        parseSelectors(["{}", "up", "up{"]);
      } catch (e) {
        return e as BadRequestError;
      }
    })();

    expect(error?.message).toBe("invalid series selectors");
    expect(error?.issues).toEqual([
      "match[]={}: vector selector must contain at least one non-empty matcher",
      "match[]=up{: unexpected end of input at column 4",
    ]);
  });

  it(`accepts ${MAX_SELECTORS} selectors of ${MAX_SELECTOR_LENGTH} characters`, () => {
    const longest = `up{a="${"x".repeat(MAX_SELECTOR_LENGTH - 'up{a=""}'.length)}"}`;

    expect(parseSelectors(Array(MAX_SELECTORS).fill(longest))).toHaveLength(MAX_SELECTORS);
  });

  it("refuses more selectors than the limit, saying so", () => {
    const parse = () => parseSelectors(Array(MAX_SELECTORS + 1).fill("up"));

    expect(parse).toThrow(BadRequestError);
    expect(parse).toThrow(`too many series selectors: ${MAX_SELECTORS + 1}, at most ${MAX_SELECTORS}`);
  });

  it("refuses a selector longer than the limit, by position", () => {
    const long = `up{a="${"x".repeat(MAX_SELECTOR_LENGTH)}"}`;
    const error = (() => {
      try {
        parseSelectors(["up", long]);
      } catch (e) {
        return e as BadRequestError;
      }
    })();

    expect(error?.message).toBe(
      `series selector longer than ${MAX_SELECTOR_LENGTH} characters: split or shorten it`,
    );
    expect(error?.issues).toEqual([`match[] #2: ${long.length} characters, at most ${MAX_SELECTOR_LENGTH}`]);
  });
});
