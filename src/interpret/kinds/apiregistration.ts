import type { KindInterpreter } from "../kind-interpreter.ts";

export const apiregistrationKinds: KindInterpreter[] = [];
