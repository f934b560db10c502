import type { KindInterpreter } from "../kind-interpreter.ts";

export const podKinds: KindInterpreter[] = [];
