import { conditionOfType } from "../condition-lookup.ts";
import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import { num, statusOf, str } from "../kube-object.ts";

/** Ready=True is Healthy and Ready=False Degraded, each with the condition's message; no verdict yet: `waiting`. */
function readyHealth(obj: KubeObject, waiting: string): HealthResult {
  const ready = conditionOfType(obj, "Ready");
  if (ready?.status === "True") return { health: "Healthy", message: ready.message ?? "" };
  if (ready?.status === "False") return { health: "Degraded", message: ready.message ?? "" };
  return { health: "Progressing", message: waiting };
}

/**
 * Argo CD's Certificate/health.lua. Issuing=True is looked at first: while cert-manager issues or renews,
 * Ready is often False ("Issuing certificate as Secret does not exist") and would otherwise read as Degraded.
 */
function certificateHealth(obj: KubeObject): HealthResult {
  const issuing = conditionOfType(obj, "Issuing");
  if (issuing?.status === "True") return { health: "Progressing", message: issuing.message ?? "" };
  return readyHealth(obj, "Waiting for certificate");
}

const TIMESTAMPS = [
  { name: "notBeforeSeconds", field: "notBefore" },
  { name: "notAfterSeconds", field: "notAfter" },
  { name: "renewalTimeSeconds", field: "renewalTime" },
] as const;

/** Validity and renewal times as unix seconds, so an alert can fire on a certificate about to expire. */
function certificateValues(obj: KubeObject): Record<string, number> {
  const status = statusOf(obj);
  const out: Record<string, number> = {};
  for (const { name, field } of TIMESTAMPS) {
    const millis = Date.parse(str(status[field]) ?? "");
    if (!Number.isNaN(millis)) out[name] = millis / 1000;
  }
  const attempts = num(status.failedIssuanceAttempts);
  if (attempts !== undefined) out.failedIssuanceAttempts = attempts;
  return out;
}

export const certManagerKinds: KindInterpreter[] = [
  { group: "cert-manager.io", kind: "Certificate", health: certificateHealth, values: certificateValues },
  { group: "cert-manager.io", kind: "Issuer", health: (obj) => readyHealth(obj, "Initializing issuer") },
  {
    group: "cert-manager.io",
    kind: "ClusterIssuer",
    health: (obj) => readyHealth(obj, "Initializing ClusterIssuer"),
  },
];
