// Label selectors as k8s.io/apimachinery/pkg/labels parses them: comma-separated requirements of
// `k`, `!k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k>n`, `k<n`. `!=` and `notin` match
// objects that lack the label, as the real server does.

export type Labels = Readonly<Record<string, string>>;
export type LabelSelector = (labels: Labels) => boolean;

export class SelectorParseError extends Error {
  override name = "SelectorParseError";
}

const KEY = "[A-Za-z0-9][-A-Za-z0-9_./]*";
const VALUE = "(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?";
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const COMPARE = new RegExp(`^(${KEY})\\s*(==|!=|=|>|<)\\s*(${VALUE})$`);

function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

function parseSetValues(raw: string, requirement: string): Set<string> {
  const values = raw.split(",").map((v) => v.trim());
  for (const v of values) {
    if (!new RegExp(`^${VALUE}$`).test(v))
      throw new SelectorParseError(
        `unable to parse requirement: invalid label value: "${v}" in "${requirement}"`,
      );
  }
  return new Set(values);
}

function parseInteger(value: string, requirement: string): number {
  if (!/^-?\d+$/.test(value))
    throw new SelectorParseError(
      `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer: "${requirement}"`,
    );
  return Number(value);
}

function parseRequirement(req: string): LabelSelector {
  const exists = EXISTS.exec(req);
  if (exists) {
    const [, bang, key = ""] = exists;
    return bang ? (labels) => !(key in labels) : (labels) => key in labels;
  }
  const set = SET.exec(req);
  if (set) {
    const [, key = "", op, raw = ""] = set;
    const values = parseSetValues(raw, req);
    return op === "in"
      ? (labels) => key in labels && values.has(labels[key] ?? "")
      : (labels) => !(key in labels) || !values.has(labels[key] ?? "");
  }
  const compare = COMPARE.exec(req);
  if (compare) {
    const [, key = "", op, value = ""] = compare;
    switch (op) {
      case "!=":
        return (labels) => labels[key] !== value;
      case ">":
      case "<": {
        const bound = parseInteger(value, req);
        return (labels) => {
          const actual = labels[key];
          if (actual === undefined || !/^-?\d+$/.test(actual)) return false;
          return op === ">" ? Number(actual) > bound : Number(actual) < bound;
        };
      }
      default:
        return (labels) => key in labels && labels[key] === value;
    }
  }
  throw new SelectorParseError(`unable to parse requirement: "${req}"`);
}

/** Parses a selector; the empty selector matches everything. Throws SelectorParseError when malformed. */
export function parseLabelSelector(selector: string | undefined | null): LabelSelector {
  if (!selector?.trim()) return () => true;
  const requirements = splitRequirements(selector).map(parseRequirement);
  return (labels) => requirements.every((matches) => matches(labels));
}
