import type { StringTest } from "./re2.ts";

// Most selectors' regexes are names or lists of names (`Degraded|Progressing`, `argocd_.*|mco_.*`). As
// Prometheus' FastRegexMatcher does for these, such a pattern is answered by string comparison, without
// the regex engine; anything else returns undefined and goes to RE2.

/** RE2's metacharacters: a pattern holding one unescaped (other than `|`) is not a plain list. */
const META = new Set(["\\", ".", "+", "*", "?", "(", ")", "|", "[", "]", "{", "}", "^", "$"]);
/** RE2 takes a backslash before ASCII punctuation as that character itself. */
const ESCAPED_PUNCTUATION = /^[!-/:-@[-`{-~]$/;

interface Alternative {
  literal: string;
  /** Followed by `.*`: any string starting with the literal (`.` matches newlines: the pattern is `(?s:…)`). */
  prefix: boolean;
}

/**
 * A matcher for a pattern that is an alternation of literals, each optionally followed by `.*`, fully
 * anchored as a label matcher is; undefined for any other pattern.
 */
export function literalPattern(pattern: string): StringTest | undefined {
  const alternatives = parseAlternatives(pattern);
  if (alternatives === undefined) return undefined;
  const exact = new Set(alternatives.filter((a) => !a.prefix).map((a) => a.literal));
  const prefixes = alternatives.filter((a) => a.prefix).map((a) => a.literal);
  if (prefixes.length === 0) return { test: (value) => exact.has(value) };
  return { test: (value) => exact.has(value) || prefixes.some((p) => value.startsWith(p)) };
}

function parseAlternatives(pattern: string): Alternative[] | undefined {
  const alternatives: Alternative[] = [];
  let literal = "";
  for (let i = 0; i <= pattern.length; i++) {
    const c = pattern[i];
    if (c === undefined || c === "|") {
      alternatives.push({ literal, prefix: false });
      literal = "";
    } else if (c === "." && pattern[i + 1] === "*" && (i + 2 === pattern.length || pattern[i + 2] === "|")) {
      alternatives.push({ literal, prefix: true });
      literal = "";
      i += 2;
    } else if (c === "\\") {
      const next = pattern[i + 1];
      if (next === undefined || !ESCAPED_PUNCTUATION.test(next)) return undefined;
      literal += next;
      i += 1;
    } else if (META.has(c)) {
      return undefined;
    } else {
      literal += c;
    }
  }
  return alternatives;
}
