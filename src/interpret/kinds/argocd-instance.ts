import type { KindInterpreter } from "../kind-interpreter.ts";

export const argocdInstanceKinds: KindInterpreter[] = [];
