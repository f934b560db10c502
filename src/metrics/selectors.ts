import { parser } from "@prometheus-io/lezer-promql";
import { BadRequestError } from "../errors.ts";
import { type Matcher, type MatchOp, newMatcher } from "./matcher.ts";
import { unquotePromqlString } from "./promql-string.ts";
import { MAX_SELECTOR_LENGTH, MAX_SELECTORS } from "./selector-limits.ts";

type SyntaxNode = ReturnType<typeof parser.parse>["topNode"];

const NAME_LABEL = "__name__";

const OPS: Readonly<Record<string, MatchOp>> = { EqlSingle: "=", Neq: "!=", EqlRegex: "=~", NeqRegex: "!~" };

/** What a top-level node is, for the message when a selector is some other PromQL expression. */
const NOT_A_SELECTOR: Readonly<Record<string, string>> = {
  MatrixSelector: "a range selector",
  SubqueryExpr: "a subquery",
  OffsetExpr: "an offset modifier",
  StepInvariantExpr: "an @ modifier",
  FunctionCall: "a function call",
  AggregateExpr: "an aggregation",
  BinaryExpr: "a binary expression",
  UnaryExpr: "a unary expression",
  ParenExpr: "a parenthesised expression",
  StringLiteral: "a string",
  NumberDurationLiteral: "a number",
};

/**
 * Parses `/federate?match[]=…` selectors as Prometheus does (parser.ParseMetricSelector): a metric name
 * and/or label matchers, nothing else, with at least one matcher that does not match the empty string.
 * Throws one BadRequestError naming every bad selector, or the limit (selector-limits.ts) exceeded. No
 * selectors select nothing, as in Prometheus.
 */
export function parseSelectors(selectors: readonly string[]): Matcher[][] {
  assertWithinLimits(selectors);
  const parsed: Matcher[][] = [];
  const issues: string[] = [];
  for (const selector of selectors) {
    const result = parseSelector(selector);
    if (typeof result === "string") issues.push(`match[]=${selector}: ${result}`);
    else parsed.push(result);
  }
  if (issues.length > 0) {
    const message = issues.length === 1 ? `invalid series selector ${issues[0]}` : "invalid series selectors";
    throw new BadRequestError(message, issues);
  }
  return parsed;
}

function assertWithinLimits(selectors: readonly string[]): void {
  if (selectors.length > MAX_SELECTORS) {
    throw new BadRequestError(`too many series selectors: ${selectors.length}, at most ${MAX_SELECTORS}`, [
      `match[]: at most ${MAX_SELECTORS} selectors per request`,
    ]);
  }
  // By position, not text: echoing a selector this long back would not help anyone read the reply.
  const tooLong = selectors.flatMap((selector, i) =>
    selector.length > MAX_SELECTOR_LENGTH
      ? [`match[] #${i + 1}: ${selector.length} characters, at most ${MAX_SELECTOR_LENGTH}`]
      : [],
  );
  if (tooLong.length > 0) {
    throw new BadRequestError(
      `series selector longer than ${MAX_SELECTOR_LENGTH} characters: split or shorten it`,
      tooLong,
    );
  }
}

/** One selector's matchers (the metric name as a `__name__` matcher), or what is wrong with it. */
export function parseSelector(selector: string): Matcher[] | string {
  if (selector.trim() === "") return "empty selector";
  const tree = parser.parse(selector);
  let problem: string | undefined;
  tree.iterate({
    enter(node) {
      if (problem !== undefined || !node.type.isError) return problem === undefined;
      problem = syntaxError(selector, node.from, node.to);
      return false;
    },
  });
  if (problem !== undefined) return problem;
  const top = childrenOf(tree.topNode).filter((n) => n.name !== "LineComment");
  const [expr] = top;
  if (!expr || top.length > 1) return "expected one series selector";
  if (expr.name !== "VectorSelector") {
    return `expected a metric name and/or label matchers, got ${NOT_A_SELECTOR[expr.name] ?? "another expression"}`;
  }
  return vectorSelector(selector, expr);
}

function vectorSelector(text: string, node: SyntaxNode): Matcher[] | string {
  const matchers: Matcher[] = [];
  const names: string[] = [];
  const name = node.getChild("Identifier");
  if (name) names.push(text.slice(name.from, name.to));
  for (const item of childrenOf(node.getChild("LabelMatchers"))) {
    if (item.name === "QuotedLabelName") {
      // `{"metric.name"}`: a metric name written inside the braces.
      const quoted = unquote(text, item.getChild("StringLiteral"));
      if (typeof quoted !== "string") return quoted.problem;
      names.push(quoted);
      continue;
    }
    const matcher = labelMatcher(text, item);
    if (typeof matcher === "string") return matcher;
    matchers.push(matcher);
  }
  if (names.length > 1 || (names.length === 1 && matchers.some((m) => m.name === NAME_LABEL))) {
    return "metric name must not be set twice";
  }
  for (const metricName of names) matchers.push(newMatcher(NAME_LABEL, "=", metricName) as Matcher);
  // As Prometheus requires, so a typo cannot select every series.
  if (matchers.every((m) => m.matches("")))
    return "vector selector must contain at least one non-empty matcher";
  return matchers;
}

function labelMatcher(text: string, node: SyntaxNode): Matcher | string {
  const labelNode = node.getChild("LabelName") ?? node.getChild("QuotedLabelName")?.getChild("StringLiteral");
  const opNode = node.getChild("MatchOp")?.firstChild;
  const valueNode = node.getChild("StringLiteral");
  if (!labelNode || !opNode || !valueNode) return `invalid label matcher ${text.slice(node.from, node.to)}`;
  const label =
    labelNode.name === "LabelName" ? text.slice(labelNode.from, labelNode.to) : unquote(text, labelNode);
  if (typeof label !== "string") return label.problem;
  const value = unquote(text, valueNode);
  if (typeof value !== "string") return value.problem;
  const op = OPS[opNode.name];
  if (op === undefined) return `unknown match operator ${text.slice(opNode.from, opNode.to)}`;
  const matcher = newMatcher(label, op, value);
  return typeof matcher === "string" ? `label ${label}: ${matcher}` : matcher;
}

function unquote(text: string, node: SyntaxNode | null): string | { problem: string } {
  if (!node) return { problem: "missing string" };
  const value = unquotePromqlString(text.slice(node.from, node.to));
  return typeof value === "string"
    ? value
    : { problem: `${value.problem} in ${text.slice(node.from, node.to)}` };
}

function childrenOf(node: SyntaxNode | null): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node?.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

function syntaxError(text: string, from: number, to: number): string {
  const column = from + 1;
  if (from >= text.length) return `unexpected end of input at column ${column}`;
  const found = text.slice(from, Math.max(to, from + 1));
  return `unexpected ${JSON.stringify(found)} at column ${column}`;
}
