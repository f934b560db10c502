// PromQL string literals follow Go's rules (Prometheus' strutil.Unquote): "…" and '…' take Go escapes,
// `…` is raw. \x and octal escapes are bytes, so the text is built as UTF-8 bytes and decoded once.

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
  "\\": 0x5c,
};

const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** The value of a PromQL string literal, quotes included in `literal`; a sentence on failure. */
export function unquotePromqlString(literal: string): string | { problem: string } {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote) return { problem: "unterminated string" };
  const body = literal.slice(1, -1);
  if (quote === "`") return body;
  if (quote !== '"' && quote !== "'") return { problem: "not a string" };
  const bytes: number[] = [];
  for (let i = 0; i < body.length; ) {
    const c = body[i] as string;
    if (c !== "\\") {
      const point = body.codePointAt(i) as number;
      bytes.push(...encoder.encode(String.fromCodePoint(point)));
      i += point > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1] ?? "";
    const simple = SIMPLE_ESCAPES[e];
    const digits = HEX_ESCAPES[e];
    if (simple !== undefined) {
      bytes.push(simple);
      i += 2;
    } else if (e === quote) {
      // Go allows \' only in single quotes and \" only in double quotes.
      bytes.push(e.charCodeAt(0));
      i += 2;
    } else if (digits !== undefined) {
      const hex = body.slice(i + 2, i + 2 + digits);
      if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex))
        return { problem: `invalid escape \\${e}${hex}` };
      const value = Number.parseInt(hex, 16);
      if (e === "x") bytes.push(value);
      else if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
        return { problem: `invalid code point \\${e}${hex}` };
      else bytes.push(...encoder.encode(String.fromCodePoint(value)));
      i += 2 + digits;
    } else if (/[0-7]/.test(e)) {
      const octal = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(octal) || Number.parseInt(octal, 8) > 255)
        return { problem: `invalid escape \\${octal}` };
      bytes.push(Number.parseInt(octal, 8));
      i += 4;
    } else {
      return { problem: `invalid escape \\${e}` };
    }
  }
  try {
    return decoder.decode(new Uint8Array(bytes));
  } catch {
    return { problem: "string is not valid UTF-8" };
  }
}
