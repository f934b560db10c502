import type { Position } from "../interpret/rules/position.ts";

/** One problem in a config document. */
export interface ConfigIssue {
  /** Where in the document: `staleAfter`, `rules[2] (example.com/Widget): health`; empty for the whole file. */
  where: string;
  message: string;
  /** Line and column within a CEL expression, when the problem is in one. */
  position?: Position;
}

/** A config document that cannot be read or used; its message names the file, the rule and the field. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";

  constructor(
    /** The file (or other source) the document came from. */
    readonly source: string,
    readonly issues: readonly ConfigIssue[],
    options?: { cause?: unknown },
  ) {
    super(issues.map((issue) => formatIssue(source, issue)).join("\n"), options);
  }
}

function formatIssue(source: string, issue: ConfigIssue): string {
  return issue.where ? `${source}: ${issue.where}: ${issue.message}` : `${source}: ${issue.message}`;
}
