import type { KStatusResult } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import type { Conditions } from "./conditions.ts";

/**
 * One kind's kstatus rule (kstatus's "legacy" per-kind function); `now` is for time windows, and
 * `conditions` the object's conditions as converted once for the whole Compute.
 */
export type KStatusRule = (obj: KubeObject, now: Date, conditions: Conditions) => KStatusResult;

/**
 * Raised where kstatus's `Compute` returns an error (a field of the wrong type, a Pod phase it does not
 * know); kstatus's readers report such an object as Unknown, and so do we.
 */
export class KStatusComputeError extends Error {
  override name = "KStatusComputeError";
}

export const current = (message: string): KStatusResult => ({ kstatus: "Current", message });
export const inProgress = (message: string): KStatusResult => ({ kstatus: "InProgress", message });
export const failed = (message: string): KStatusResult => ({ kstatus: "Failed", message });
export const terminating = (message: string): KStatusResult => ({ kstatus: "Terminating", message });
export const unknown = (message: string): KStatusResult => ({ kstatus: "Unknown", message });
