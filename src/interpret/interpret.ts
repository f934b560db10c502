import type { ObjectStatus } from "../model/object-status.ts";
import type { InterpretContext, KindInterpreter, Validity } from "./kind-interpreter.ts";
import { kindKey } from "./kind-interpreter.ts";
import { genericKind } from "./kinds/generic.ts";
import { builtinKinds } from "./kinds/index.ts";
import { computeKStatus } from "./kstatus/index.ts";
import type { KubeObject } from "./kube-object.ts";
import { groupOf } from "./kube-object.ts";

/** Object → status; `validity.until` is lowered to when the status may stop holding, if it is time-bound. */
export type Interpreter = (obj: KubeObject, validity?: Validity) => ObjectStatus;

export interface InterpreterOptions {
  /** Rows from config rules; they take precedence over built-in rows of the same group and kind. */
  rules?: readonly KindInterpreter[];
  /** kstatus has time-based rules (an unschedulable Pod fails after a grace period); tests pin the clock. */
  now?: () => Date;
}

// Argo CD skips "Pending deletion" for objects held by its own hook finalizer (gitops-engine health.go).
const HOOK_FINALIZER = "argocd.argoproj.io/hook-finalizer";

/** Builds the interpreter: built-in rows, overridden by config rules, with the generic rule as fallback. */
export function createInterpreter(options: InterpreterOptions = {}): Interpreter {
  const table = new Map<string, KindInterpreter>();
  for (const row of builtinKinds) table.set(kindKey(row.group, row.kind), row);
  for (const row of options.rules ?? []) table.set(kindKey(row.group, row.kind), row);

  const now = options.now ?? (() => new Date());
  const ctx: InterpretContext = { interpret: (obj) => interpretWith(obj) };

  function interpretWith(obj: KubeObject, validity?: Validity): ObjectStatus {
    const row = table.get(kindKey(groupOf(obj.apiVersion), obj.kind ?? "")) ?? genericKind;
    const { kstatus, message: kstatusMessage, until } = computeKStatus(obj, now());
    if (validity && until !== undefined && until < validity.until) validity.until = until;
    const status: ObjectStatus = { ...healthOf(row, obj, ctx), kstatus };
    if (!status.message && kstatusMessage && agrees(status.health, kstatus)) status.message = kstatusMessage;
    const phase = row.phase?.(obj, ctx);
    if (phase) status.phase = phase;
    const components = row.components?.(obj, ctx);
    if (components && Object.keys(components).length > 0) status.components = components;
    const values = row.values?.(obj, ctx);
    if (values && Object.keys(values).length > 0) status.values = values;
    return status;
  }

  return interpretWith;
}

function healthOf(row: KindInterpreter, obj: KubeObject, ctx: InterpretContext) {
  const meta = obj.metadata;
  if (meta?.deletionTimestamp && !meta.finalizers?.includes(HOOK_FINALIZER)) {
    return { health: "Progressing" as const, message: "Pending deletion" };
  }
  try {
    return row.health(obj, ctx);
  } catch (error) {
    // A row must never take the relay down over one odd object; say so in the status instead.
    return { health: "Unknown" as const, message: `cannot interpret status: ${String(error)}` };
  }
}

// kstatus's sentence explains a kind whose health rule is silent, but only when both vocabularies say the
// same thing: "Service is ready" beside Progressing would contradict, and "Resource is current" adds nothing.
function agrees(health: ObjectStatus["health"], kstatus: ObjectStatus["kstatus"]): boolean {
  if (kstatus === "Current") return false;
  return health !== "Healthy";
}

/** The built-in interpreter with no config rules. */
export const interpret: Interpreter = createInterpreter();
