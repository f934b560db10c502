import type { StoredObject } from "../store/records.ts";
import type { Label } from "./exposition.ts";
import { type Family, type FamilyRow, type Sample, withIdentity } from "./family.ts";

/**
 * DESIGN.md's scale. Anything else, `Failed` included, is 0: the scale has no step for it, and 0 keeps
 * an alert on `< 2` (not running) firing. The argocd-operator's own gauges count differently
 * (Unknown=0, Failed=1, Pending=2, Running=3, Available=4) and carry only a namespace label;
 * these are read from the ArgoCD CR across clusters and follow DESIGN.md.
 */
const STATE_VALUE: Readonly<Record<string, number>> = { Unknown: 0, Pending: 1, Running: 2, Available: 3 };

const SCALE = "0=Unknown (or Failed), 1=Pending, 2=Running, 3=Available";

function stateSample(state: string | undefined): readonly Sample[] {
  // A component the operator does not report (not enabled, older operator) has no series rather than a guess.
  if (state === undefined) return [];
  return [{ labels: [], value: STATE_VALUE[state] ?? 0 }];
}

function component(name: string, field: string, workload: string): FamilyRow<StoredObject> {
  return {
    name,
    help: `State of the Argo CD instance's ${workload} as its operator reports it: ${SCALE}.`,
    type: "gauge",
    samples: (o) => stateSample(o.status.components?.[field]),
  };
}

function instanceIdentity(o: StoredObject): readonly Label[] {
  return [
    ["cluster", o.cluster],
    ["namespace", o.namespace],
    ["name", o.name],
  ];
}

/** The argocd-operator's `ArgoCD` instance; component names as src/interpret/kinds/argocd-instance.ts sets them. */
export const argocdFamilies: readonly Family<StoredObject>[] = withIdentity(instanceIdentity, [
  component("argocd_application_controller_status", "applicationController", "application controller"),
  component(
    "argocd_applicationset_controller_status",
    "applicationSetController",
    "ApplicationSet controller",
  ),
  component("argocd_server_status", "server", "API server"),
  component("argocd_repo_server_status", "repo", "repo server"),
  component("argocd_notifications_controller_status", "notificationsController", "notifications controller"),
  // status.sso (v1beta1) or status.dex (v1alpha1): the interpreter stores both as `sso`.
  component("argocd_dex_status", "sso", "SSO (Dex or Keycloak)"),
  component("argocd_redis_status", "redis", "Redis"),
  {
    name: "argocd_phase",
    help: `Phase of the Argo CD instance: ${SCALE}.`,
    type: "gauge",
    samples: (o) => stateSample(o.status.phase),
  },
]);
