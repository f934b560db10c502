import type { KindInterpreter } from "../kind-interpreter.ts";

export const autoscalingKinds: KindInterpreter[] = [];
