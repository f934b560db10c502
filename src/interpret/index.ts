export type { Interpreter, InterpreterOptions } from "./interpret.ts";
export { createInterpreter, interpret } from "./interpret.ts";
export type { HealthResult, InterpretContext, KindInterpreter, KStatusResult } from "./kind-interpreter.ts";
export type { KubeObject } from "./kube-object.ts";
