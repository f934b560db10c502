import type { CelEnv, CelInput, CelResult } from "@bufbuild/cel";
import { CelScalar, celEnv, isCelError, parse, plan } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { checkReferences } from "./check-references.ts";
import { type Position, positionAt } from "./position.ts";

/** A CEL expression parsed and planned once, evaluated per object. */
export interface CompiledExpression {
  readonly source: string;
  /** Evaluates against the bindings; never throws: failures come back as CEL errors. */
  run(bindings: Readonly<Record<string, unknown>>): CelResult;
  /** A CEL error from `run` as one line, with its position in the expression when known. */
  explain(error: CelResult): string;
}

/** A CEL expression that does not parse or refers to unknown names; `position` is 1-based within it. */
export class CelCompileError extends Error {
  override readonly name = "CelCompileError";
  constructor(
    readonly reason: string,
    readonly position: Position,
    options?: { cause?: unknown; hint?: string },
  ) {
    const at = `${reason} (at ${position.line}:${position.column})`;
    super(options?.hint ? `${at}; ${options.hint}` : at, options);
  }
}

const envs = new Map<string, CelEnv>();

// One environment per variable list: the planner caches its work per environment.
function envFor(variables: readonly string[]): CelEnv {
  const key = variables.join(",");
  let env = envs.get(key);
  if (!env) {
    env = celEnv({
      variables: Object.fromEntries(variables.map((name) => [name, CelScalar.DYN])),
      // The strings extension (lowerAscii, split, replace, ...) is what Kubernetes' CEL offers too.
      funcs: strings,
    });
    envs.set(key, env);
  }
  return env;
}

const OPTIONAL_SYNTAX_HINT =
  "optional syntax (.?field, [?key], orValue) is not supported by @bufbuild/cel 0.6.1; " +
  'test presence with has() instead, e.g. has(object.status) && has(object.status.message) ? object.status.message : ""';

/** Parses, checks names and plans an expression over the given variables; throws `CelCompileError`. */
export function compileExpression(source: string, variables: readonly string[]): CompiledExpression {
  const env = envFor(variables);
  const parsed = parseAndCheck(source, variables, env);
  const positions = parsed.sourceInfo?.positions ?? {};
  let evaluate: (bindings: Record<string, CelInput>) => CelResult;
  try {
    evaluate = plan(env, parsed);
  } catch (error) {
    throw new CelCompileError(String(error), { line: 1, column: 1 }, { cause: error });
  }
  return {
    source,
    // Kubernetes objects are plain JSON; @bufbuild/cel wraps them lazily as CEL maps and lists.
    run: (bindings) => evaluate(bindings as Record<string, CelInput>),
    explain: (error) => {
      if (!isCelError(error)) return String(error);
      const offset = error.exprId === undefined ? undefined : positions[String(error.exprId)];
      if (offset === undefined) return error.message;
      const { line, column } = positionAt(source, offset);
      return `${error.message} (at ${line}:${column})`;
    },
  };
}

/** The compile error an expression would raise, without planning it; for validating config documents. */
export function checkExpression(source: string, variables: readonly string[]): CelCompileError | undefined {
  try {
    parseAndCheck(source, variables, envFor(variables));
    return undefined;
  } catch (error) {
    if (error instanceof CelCompileError) return error;
    throw error;
  }
}

function parseAndCheck(source: string, variables: readonly string[], env: CelEnv): ReturnType<typeof parse> {
  const parsed = parseOrThrow(source);
  const problem = checkReferences(parsed.expr, variables, env.funcs);
  if (problem) {
    const offset = parsed.sourceInfo?.positions[String(problem.id)] ?? 0;
    const hint = problem.optionalSyntax ? OPTIONAL_SYNTAX_HINT : undefined;
    throw new CelCompileError(problem.reason, positionAt(source, offset), { hint });
  }
  return parsed;
}

function parseOrThrow(source: string): ReturnType<typeof parse> {
  try {
    return parse(source);
  } catch (error) {
    const located = error as { rawMessage?: unknown; location?: { start?: Position } };
    const position = located.location?.start ?? { line: 1, column: 1 };
    const raw = typeof located.rawMessage === "string" ? located.rawMessage : String(error);
    const hint = /\.\?|\[\?/.test(source) ? OPTIONAL_SYNTAX_HINT : undefined;
    const at = { line: position.line, column: position.column };
    throw new CelCompileError(`syntax error: ${raw}`, at, { cause: error, hint });
  }
}
