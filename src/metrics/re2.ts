// Prometheus compiles a label matcher's regex with Go's RE2 as `^(?s:…)$`. Node's RegExp differs: it
// accepts lookarounds and backreferences (RE2 refuses them), and lacks `(?P<name>`, `\A`, `\z`, POSIX
// classes and inline flags. This translates the common RE2 syntax and refuses what it cannot honour,
// so a selector accepted here means the same against Prometheus.

// POSIX classes as RE2 defines them (ASCII only), written as JavaScript class ranges.
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-\\x60{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

const LEADING_CASE_FLAG = "(?i)";

/**
 * A RE2 pattern as a fully anchored JavaScript RegExp (`.` matching newlines), or a sentence saying why
 * it cannot be used. A leading `(?i)` becomes the `i` flag; other inline flags are refused.
 */
export function compileRe2(pattern: string): RegExp | string {
  let body = pattern;
  let flags = "s";
  if (body.startsWith(LEADING_CASE_FLAG)) {
    body = body.slice(LEADING_CASE_FLAG.length);
    flags += "i";
  }
  const source = translate(body);
  if (source.problem !== undefined) return source.problem;
  const anchored = `^(?:${source.text})$`;
  try {
    // Unicode mode first (\p{L}, `.` per code point); RE2 also takes escapes such as `\-` outside a
    // class, which only the non-Unicode mode allows.
    return new RegExp(anchored, `${flags}u`);
  } catch (unicodeError) {
    try {
      return new RegExp(anchored, flags);
    } catch {
      // V8 says `Invalid regular expression: /<source>/<flags>: <reason>`; the source is ours, not the user's.
      const reason = (unicodeError as Error).message.replace(
        /^Invalid regular expression: \/.*\/[a-z]*: /s,
        "",
      );
      return `invalid regular expression ${JSON.stringify(pattern)}: ${reason.toLowerCase()}`;
    }
  }
}

function translate(pattern: string): { text: string; problem?: undefined } | { problem: string } {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i] as string;
    const rest = pattern.slice(i + 1);
    if (c === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) return { problem: "trailing backslash" };
      if (/[1-9]/.test(next) || rest.startsWith("k<"))
        return { problem: "backreferences are not supported by RE2" };
      if (!inClass && next === "A") out += "^";
      else if (!inClass && next === "z") out += "$";
      else out += c + next;
      i += 2;
    } else if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      if (posix) {
        const ranges = POSIX_CLASSES[posix[2] as string];
        if (ranges === undefined || posix[1]) return { problem: `unsupported character class ${posix[0]}` };
        out += ranges;
        i += posix[0].length;
        continue;
      }
      if (c === "]") inClass = false;
      out += c;
      i += 1;
    } else if (c === "[") {
      // A `]` right after `[` or `[^` is a literal member, not the end of the class.
      const open = /^\[\^?\]?/.exec(pattern.slice(i))?.[0] ?? "[";
      out += open.endsWith("]") ? `${open.slice(0, -1)}\\]` : open;
      inClass = true;
      i += open.length;
    } else if (c === "(" && rest.startsWith("?")) {
      const group = /^\?(P<|<(?![=!])|:)/.exec(rest);
      if (!group) {
        return /^\?<?[=!]/.test(rest)
          ? { problem: "lookaround assertions are not supported by RE2" }
          : { problem: "inline flags other than a leading (?i) are not supported" };
      }
      out += group[1] === "P<" ? "(?<" : `(${group[0]}`;
      i += 1 + group[0].length;
    } else {
      out += c;
      i += 1;
    }
  }
  return { text: out };
}
