import { RE2JS, RE2JSSyntaxException } from "re2js";
import { literalPattern } from "./literal-pattern.ts";

// Prometheus compiles a label matcher's regex with Go's RE2 as `^(?s:…)$`. re2js is a port of that
// engine, so a pattern means here what it means there (inline flags, `(?P<name>`, POSIX classes, `\A`,
// `\z`; no lookarounds or backreferences), and matching takes time linear in the value: a selector
// cannot stall the process the way a backtracking RegExp can.

/** Whether a whole string matches: what a label matcher needs of a compiled pattern. */
export interface StringTest {
  test(value: string): boolean;
}

/**
 * A RE2 pattern compiled as Prometheus compiles a label matcher's (fully anchored, `.` matching
 * newlines), or a sentence naming the pattern and saying why it cannot be used.
 */
export function compileRe2(pattern: string): StringTest | string {
  const literal = literalPattern(pattern);
  if (literal !== undefined) return literal;
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(`^(?s:${pattern})$`);
  } catch (error) {
    return `invalid regular expression ${JSON.stringify(pattern)}: ${problemOf(pattern, error)}`;
  }
  return { test: (value) => regex.testExact(value) };
}

function problemOf(pattern: string, anchoredError: unknown): string {
  // The error names the part of the pattern at fault; compiled alone, that part is the user's text
  // rather than our `^(?s:…)$` around it.
  let error = anchoredError;
  try {
    RE2JS.compile(pattern);
  } catch (own) {
    error = own;
  }
  if (!(error instanceof RE2JSSyntaxException)) throw error;
  const description = error.getDescription();
  const at = error.getPattern();
  if (at === null) return description;
  if (/^\(\?(<?[=!])/.test(at))
    return `lookaround assertions such as \`${lookaround(at)}\` are not supported by RE2`;
  if (/^\\[1-9]/.test(at)) return `backreferences such as \`${at}\` are not supported by RE2`;
  return `${description}: \`${at}\``;
}

/** `(?=`, `(?!`, `(?<=` or `(?<!`: RE2 reports a lookbehind with the rest of the pattern after it. */
function lookaround(at: string): string {
  return at.startsWith("(?<") ? at.slice(0, 4) : at.slice(0, 3);
}
