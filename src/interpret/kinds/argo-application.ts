import type { KindInterpreter } from "../kind-interpreter.ts";

export const argoApplicationKinds: KindInterpreter[] = [];
