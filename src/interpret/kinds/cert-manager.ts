import type { KindInterpreter } from "../kind-interpreter.ts";

export const certManagerKinds: KindInterpreter[] = [];
