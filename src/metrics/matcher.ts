import { compileRe2 } from "./re2.ts";

export type MatchOp = "=" | "!=" | "=~" | "!~";

/** A label matcher of a series selector. A series without the label matches as if its value were "". */
export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
  matches(value: string): boolean;
}

/** The matcher, or a sentence saying why its regular expression cannot be used. */
export function newMatcher(name: string, op: MatchOp, value: string): Matcher | string {
  if (op === "=") return { name, op, value, matches: (v) => v === value };
  if (op === "!=") return { name, op, value, matches: (v) => v !== value };
  const regex = compileRe2(value);
  if (typeof regex === "string") return regex;
  return op === "=~"
    ? { name, op, value, matches: (v) => regex.test(v) }
    : { name, op, value, matches: (v) => !regex.test(v) };
}
