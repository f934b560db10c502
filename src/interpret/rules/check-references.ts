import type { CelEnv, parse } from "@bufbuild/cel";

type Expr = ReturnType<typeof parse>["expr"];

export interface ReferenceProblem {
  /** The id of the offending node, for its position in the source. */
  id: bigint;
  reason: string;
  /** The name belongs to CEL's optional types, which this CEL library lacks. */
  optionalSyntax: boolean;
}

// Operators the planner handles itself rather than through the function table.
const SPECIAL_FUNCTIONS = new Set([
  "_&&_",
  "_||_",
  "_?_:_",
  "_[_]",
  "@not_strictly_false",
  "__not_strictly_false__",
]);
// Type names are identifiers in CEL: `type(x) == string`.
const TYPE_NAMES = new Set([
  "int",
  "uint",
  "double",
  "bool",
  "string",
  "bytes",
  "list",
  "map",
  "null_type",
  "type",
  "dyn",
]);
const OPTIONAL_NAMES = new Set(["optional", "orValue", "hasValue", "value", "or", "optMap", "optFlatMap"]);

/**
 * Finds the first reference to an undeclared variable or an unknown function.
 * @bufbuild/cel 0.6.1 exports no type checker and only notices these at evaluation, object by object;
 * a typo in a config rule should fail when the config loads instead.
 */
export function checkReferences(
  expr: Expr,
  variables: readonly string[],
  funcs: CelEnv["funcs"],
): ReferenceProblem | undefined {
  const walk = (node: Expr | undefined, scope: ReadonlySet<string>): ReferenceProblem | undefined => {
    if (!node) return undefined;
    const kind = node.exprKind;
    switch (kind.case) {
      case "identExpr":
        if (scope.has(kind.value.name) || TYPE_NAMES.has(kind.value.name)) return undefined;
        return {
          id: node.id,
          reason: `undeclared reference to '${kind.value.name}' (variables: ${variables.join(", ")})`,
          optionalSyntax: kind.value.name === "optional",
        };
      case "selectExpr":
        return walk(kind.value.operand, scope);
      case "callExpr": {
        const call = kind.value;
        const qualified = call.target && qualifiedName(call.target);
        if (qualified && funcs.find(`${qualified}.${call.function}`)) return walkAll(call.args, scope);
        const known = SPECIAL_FUNCTIONS.has(call.function) || funcs.find(call.function) !== undefined;
        // `optional.of(x)`: an unknown function under an undeclared namespace is one unknown name.
        const namespace =
          !known && call.target?.exprKind.case === "identExpr" && !scope.has(qualified ?? "")
            ? qualified
            : undefined;
        const inner = (namespace ? undefined : walk(call.target, scope)) ?? walkAll(call.args, scope);
        if (inner || known) return inner;
        const name = namespace ? `${namespace}.${call.function}` : call.function;
        return {
          id: node.id,
          reason: `unknown function '${name}'`,
          optionalSyntax: OPTIONAL_NAMES.has(call.function) || namespace === "optional",
        };
      }
      case "listExpr":
        return walkAll(kind.value.elements, scope);
      case "structExpr":
        for (const entry of kind.value.entries) {
          const found =
            (entry.keyKind.case === "mapKey" ? walk(entry.keyKind.value, scope) : undefined) ??
            walk(entry.value, scope);
          if (found) return found;
        }
        return undefined;
      case "comprehensionExpr": {
        const c = kind.value;
        const inner = new Set([...scope, c.iterVar, c.iterVar2, c.accuVar].filter((name) => name !== ""));
        return (
          walk(c.iterRange, scope) ??
          walk(c.accuInit, scope) ??
          walk(c.loopCondition, inner) ??
          walk(c.loopStep, inner) ??
          walk(c.result, inner)
        );
      }
      default:
        return undefined;
    }
  };
  const walkAll = (nodes: readonly Expr[], scope: ReadonlySet<string>) => {
    for (const node of nodes) {
      const found = walk(node, scope);
      if (found) return found;
    }
    return undefined;
  };
  return walk(expr, new Set(variables));
}

/** `a.b.c` as a dotted name when the node is a chain of plain selects over an identifier. */
function qualifiedName(node: Expr): string | undefined {
  const kind = node.exprKind;
  if (kind.case === "identExpr") return kind.value.name;
  if (kind.case === "selectExpr" && !kind.value.testOnly && kind.value.operand) {
    const prefix = qualifiedName(kind.value.operand);
    return prefix === undefined ? undefined : `${prefix}.${kind.value.field}`;
  }
  return undefined;
}
