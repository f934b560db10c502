import type { KindInterpreter } from "../kind-interpreter.ts";

export const machineConfigPoolKinds: KindInterpreter[] = [];
