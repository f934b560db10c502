import { isCelError } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { CelCompileError, checkExpression, compileExpression } from "./cel-expression.ts";

const VARS = ["object"];

function compileError(source: string): CelCompileError {
  try {
    compileExpression(source, VARS);
  } catch (error) {
    if (error instanceof CelCompileError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} not to compile`);
}

describe("compileExpression", () => {
  it("evaluates against plain JSON objects", () => {
    const expr = compileExpression(
      'object.status.conditions.exists(c, c.type == "Ready" && c.status == "True")',
      VARS,
    );

    const result = expr.run({ object: { status: { conditions: [{ type: "Ready", status: "True" }] } } });

    expect(result).toBe(true);
  });

  it("reads JSON numbers as doubles that compare with int literals", () => {
    const expr = compileExpression("object.status.replicas > 2 ? double(object.status.replicas) : 0.0", VARS);

    expect(expr.run({ object: { status: { replicas: 3 } } })).toBe(3);
  });

  it("offers the strings extension that Kubernetes CEL has", () => {
    const expr = compileExpression('object.metadata.name.lowerAscii().split("-")[0]', VARS);

    expect(expr.run({ object: { metadata: { name: "Web-1" } } })).toBe("web");
  });

  it("reports a syntax error with its line and column within the expression", () => {
    const error = compileError('has(object.status) &&\n  object.status.ready ? "Healthy" "Degraded"');

    expect(error.position).toEqual({ line: 2, column: 23 });
    expect(error.message).toMatch(/^syntax error: .* \(at 2:23\)$/);
  });

  it("rejects a misspelt variable at its position", () => {
    const error = compileError('object.spec.paused || objet.status.ready ? "Healthy" : "Progressing"');

    expect(error.reason).toBe("undeclared reference to 'objet' (variables: object)");
    expect(error.position).toEqual({ line: 1, column: 23 });
  });

  it("rejects an unknown function", () => {
    const error = compileError("object.status.message.trimSpace()");

    expect(error.reason).toBe("unknown function 'trimSpace'");
  });

  it("names an unknown method by itself, not by the variable it is called on", () => {
    expect(compileError("object.orValue(1)").reason).toBe("unknown function 'orValue'");
  });

  it("accepts comprehension variables, type names and namespaced functions", () => {
    expect(
      checkExpression('object.items.all(i, type(i) == map) && strings.quote("x") != ""', VARS),
    ).toBeUndefined();
  });

  it("explains that optional field syntax is not supported and what to write instead", () => {
    const error = compileError('object.status.?message.orValue("")');

    expect(error.message).toContain("optional syntax (.?field, [?key], orValue) is not supported");
    expect(error.message).toContain("has(object.status) && has(object.status.message)");
  });

  it("explains the optional hint for optional functions too", () => {
    const error = compileError("optional.of(object.status).hasValue()");

    expect(error.reason).toBe("unknown function 'optional.of'");
    expect(error.message).toContain("not supported by @bufbuild/cel");
  });

  it("returns a run-time error with the position of the failing part instead of throwing", () => {
    const expr = compileExpression("object.metadata.name + object.status.message", VARS);

    const result = expr.run({ object: { metadata: { name: "w" } } });

    expect(isCelError(result)).toBe(true);
    expect(expr.explain(result)).toMatch(/status.* \(at 1:\d+\)$/);
  });
});

describe("checkExpression", () => {
  it("returns nothing for a valid expression", () => {
    expect(checkExpression('has(object.status) ? "Healthy" : "Progressing"', VARS)).toBeUndefined();
  });

  it("returns the compile error of an invalid one", () => {
    expect(checkExpression("object.status.", VARS)).toBeInstanceOf(CelCompileError);
  });
});
