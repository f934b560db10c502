import type { Health, KStatus, ObjectStatus } from "../model/object-status.ts";
import type { KubeObject } from "./kube-object.ts";

export interface HealthResult {
  health: Health;
  message: string;
}

export interface KStatusResult {
  kstatus: KStatus;
  message: string;
  /** Epoch ms after which the same object may read otherwise (a time window of kstatus's rules). */
  until?: number;
}

/**
 * Filled in by the interpreter when a status holds only until some time with no change to the object
 * (an unschedulable Pod turns Failed once its grace period is over), so a watcher can read it again then.
 */
export interface Validity {
  until: number;
}

/** What a row may call back into: the whole interpreter, for kinds that embed other objects. */
export interface InterpretContext {
  interpret: (obj: KubeObject) => ObjectStatus;
}

/**
 * One row of the built-in table: how a kind's health, phase, components and values are read.
 * kstatus is not here on purpose: it follows kstatus's own rules (see `kstatus/`), not Argo CD's health.
 */
export interface KindInterpreter {
  /** API group (`""` for core) and kind; versions share one row, as in Argo CD. */
  group: string;
  kind: string;
  health: (obj: KubeObject, ctx: InterpretContext) => HealthResult;
  phase?: (obj: KubeObject, ctx: InterpretContext) => string | undefined;
  components?: (obj: KubeObject, ctx: InterpretContext) => Record<string, string> | undefined;
  values?: (obj: KubeObject, ctx: InterpretContext) => Record<string, number> | undefined;
}

export function kindKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}
