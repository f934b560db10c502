import { HEALTH, type Health } from "../../model/object-status.ts";
import type { StoredObject } from "../../store/records.ts";

/** Kubernetes' GroupVersionKind as EMCO's status replies spell it. */
export interface Gvk {
  Group: string;
  Version: string;
  Kind: string;
}

/** One resource of one app of a deployment intent group, in one cluster. */
export interface MemberResource {
  app: string;
  cluster: string;
  gvk: Gvk;
  namespace: string;
  name: string;
  health: Health;
  /** `object`: recorded itself (it carries the label); `bundle`: reported inside a ResourceBundleState. */
  via: "object" | "bundle";
  /** The object's own record, or the record of the ResourceBundleState that reported it. */
  record: StoredObject;
}

const BUNDLE_GROUP = "k8splugin.io";
const BUNDLE_KIND = "ResourceBundleState";

// The apiVersion of each kind the EMCO monitor reports in its typed arrays (resource-bundle-state.ts).
// A bundle's stored components keep only `Kind/namespace/name`; other kinds get an empty version.
const EMBEDDED_API_VERSION: Readonly<Record<string, string>> = {
  Pod: "v1",
  Service: "v1",
  ConfigMap: "v1",
  Secret: "v1",
  Deployment: "apps/v1",
  DaemonSet: "apps/v1",
  StatefulSet: "apps/v1",
  Job: "batch/v1",
  Ingress: "networking.k8s.io/v1",
  CertificateSigningRequest: "certificates.k8s.io/v1",
};

/**
 * The app an object belongs to in the deployment whose id is `deploymentId`: EMCO's rsync labels
 * every resource of app A of an instantiated deployment intent group `emco/deployment-id:
 * {AppContext id}-{A}`, and the monitor's ResourceBundleState carries the same label.
 */
export function appOf(object: StoredObject, labelKey: string, deploymentId: string): string | undefined {
  const value = object.labels?.[labelKey];
  const prefix = `${deploymentId}-`;
  if (value === undefined || !value.startsWith(prefix) || value.length === prefix.length) return undefined;
  return value.slice(prefix.length);
}

/**
 * Every resource of the deployment: each labelled object itself, and each resource a labelled
 * ResourceBundleState reports (its stored components) that is not also recorded directly. A direct
 * record wins: the relay watches it, while the bundle reports what its monitor saw.
 */
export function membersOf(
  objects: Iterable<StoredObject>,
  labelKey: string,
  deploymentId: string,
): MemberResource[] {
  const direct: MemberResource[] = [];
  const bundles: { app: string; record: StoredObject }[] = [];
  for (const record of objects) {
    const app = appOf(record, labelKey, deploymentId);
    if (app === undefined) continue;
    if (record.group === BUNDLE_GROUP && record.kind === BUNDLE_KIND) bundles.push({ app, record });
    else direct.push(fromObject(app, record));
  }
  const recorded = new Set(direct.map(identity));
  const reported = bundles.flatMap(({ app, record }) => fromBundle(app, record));
  return [...direct, ...reported.filter((m) => !recorded.has(identity(m)))];
}

function fromObject(app: string, record: StoredObject): MemberResource {
  const slash = record.apiVersion.lastIndexOf("/");
  return {
    app,
    cluster: record.cluster,
    gvk: { Group: record.group, Version: record.apiVersion.slice(slash + 1), Kind: record.kind },
    namespace: record.namespace,
    name: record.name,
    health: record.status.health,
    via: "object",
    record,
  };
}

/** Components are `Kind/namespace/name` → health; a deleted bundle's resources count as not present. */
function fromBundle(app: string, record: StoredObject): MemberResource[] {
  const gone = record.status.health === "Missing";
  return Object.entries(record.status.components ?? {}).flatMap(([key, value]) => {
    const [kind = "", namespace = "", name = "", ...rest] = key.split("/");
    if (!kind || !name || rest.length > 0) return [];
    const apiVersion = EMBEDDED_API_VERSION[kind] ?? "";
    const slash = apiVersion.lastIndexOf("/");
    const gvk = {
      Group: slash < 0 ? "" : apiVersion.slice(0, slash),
      Version: apiVersion.slice(slash + 1),
      Kind: kind,
    };
    const health = gone ? "Missing" : toHealth(value);
    return [{ app, cluster: record.cluster, gvk, namespace, name, health, via: "bundle" as const, record }];
  });
}

const toHealth = (value: string): Health =>
  (HEALTH as readonly string[]).includes(value) ? (value as Health) : "Unknown";

const identity = (m: MemberResource) => [m.cluster, m.app, m.gvk.Kind, m.namespace, m.name].join("\n");
