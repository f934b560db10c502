import type { KindInterpreter } from "../kind-interpreter.ts";

export const appsKinds: KindInterpreter[] = [];
