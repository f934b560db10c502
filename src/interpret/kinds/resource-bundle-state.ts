import { Buffer } from "node:buffer";
import type { Health, ObjectStatus } from "../../model/object-status.ts";
import { worstHealth } from "../health-order.ts";
import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeMetadata, KubeObject, Record_ } from "../kube-object.ts";
import { arr, isRecord, statusOf, str } from "../kube-object.ts";

/** One resource the EMCO monitor reports inside a ResourceBundleState, with its own interpreted health. */
export interface BundleResource {
  apiVersion: string;
  kind: string;
  /** "" for cluster-scoped resources. */
  namespace: string;
  name: string;
  health: Health;
  message: string;
}

export type EmbeddedInterpreter = (obj: KubeObject) => Pick<ObjectStatus, "health" | "message">;

/**
 * The monitor's typed status arrays (emco-base monitor api/v1alpha1; secret and ingress arrays are from
 * older monitors). Entries may lack apiVersion/kind, so each array names its own. Pod entries carry only
 * a name (the monitor resets their metadata): namespaced entries fall back to the bundle's namespace,
 * which is where the monitor looks for a resource's bundle.
 */
const TYPED_ARRAYS = [
  { field: "podStatuses", apiVersion: "v1", kind: "Pod", namespaced: true },
  { field: "serviceStatuses", apiVersion: "v1", kind: "Service", namespaced: true },
  { field: "configMapStatuses", apiVersion: "v1", kind: "ConfigMap", namespaced: true },
  { field: "secretStatuses", apiVersion: "v1", kind: "Secret", namespaced: true },
  { field: "deploymentStatuses", apiVersion: "apps/v1", kind: "Deployment", namespaced: true },
  { field: "daemonSetStatuses", apiVersion: "apps/v1", kind: "DaemonSet", namespaced: true },
  { field: "statefulSetStatuses", apiVersion: "apps/v1", kind: "StatefulSet", namespaced: true },
  { field: "jobStatuses", apiVersion: "batch/v1", kind: "Job", namespaced: true },
  { field: "ingressStatuses", apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespaced: true },
  {
    field: "csrStatuses",
    apiVersion: "certificates.k8s.io/v1",
    kind: "CertificateSigningRequest",
    namespaced: false,
  },
] as const;

// How many not-healthy resources the bundle's message names before summarising the rest.
const MESSAGE_NAMES = 5;

function embeddedObject(body: Record_, apiVersion: string, kind: string): KubeObject {
  const metadata = isRecord(body.metadata) ? (body.metadata as KubeMetadata) : undefined;
  return { ...body, apiVersion: str(body.apiVersion) || apiVersion, kind: str(body.kind) || kind, metadata };
}

function toResource(obj: KubeObject, namespace: string, interpret: EmbeddedInterpreter): BundleResource {
  const { health, message } = interpret(obj);
  return {
    apiVersion: obj.apiVersion ?? "",
    kind: obj.kind ?? "",
    namespace: str(obj.metadata?.namespace) || namespace,
    name: str(obj.metadata?.name) ?? "",
    health,
    message,
  };
}

// `res` is the resource's JSON as a Go []byte, i.e. base64; a raw JSON string or object is accepted too.
function decodeRes(res: unknown): Record_ | undefined {
  if (isRecord(res)) return res;
  if (typeof res !== "string") return undefined;
  try {
    const text = res.trimStart().startsWith("{") ? res : Buffer.from(res, "base64").toString("utf8");
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

// resourceStatuses: any other kind the monitor was configured to watch, as {group, version, kind, name, namespace, res}.
function fromResourceStatus(entry: Record_, interpret: EmbeddedInterpreter): BundleResource {
  const group = str(entry.group) ?? "";
  const version = str(entry.version) ?? "";
  const apiVersion = group ? `${group}/${version}` : version;
  const kind = str(entry.kind) ?? "";
  const namespace = str(entry.namespace) ?? "";
  const body = decodeRes(entry.res);
  if (!body) {
    const name = str(entry.name) ?? "";
    return {
      apiVersion,
      kind,
      namespace,
      name,
      health: "Unknown",
      message: "The monitor's copy cannot be read",
    };
  }
  const described = toResource(embeddedObject(body, apiVersion, kind), namespace, interpret);
  return { ...described, name: described.name || (str(entry.name) ?? "") };
}

/** Every resource a ResourceBundleState embeds, each interpreted on its own. */
export function bundleResources(obj: KubeObject, interpret: EmbeddedInterpreter): BundleResource[] {
  const status = statusOf(obj);
  const bundleNamespace = obj.metadata?.namespace ?? "";
  const out: BundleResource[] = [];
  for (const source of TYPED_ARRAYS) {
    for (const entry of arr(status[source.field])) {
      if (!isRecord(entry)) continue;
      const embedded = embeddedObject(entry, source.apiVersion, source.kind);
      out.push(toResource(embedded, source.namespaced ? bundleNamespace : "", interpret));
    }
  }
  for (const entry of arr(status.resourceStatuses)) {
    if (isRecord(entry)) out.push(fromResourceStatus(entry, interpret));
  }
  return out;
}

/** The components key of one embedded resource: `<Kind>/<namespace>/<name>` (namespace empty when cluster-scoped). */
export function bundleResourceKey(r: Pick<BundleResource, "kind" | "namespace" | "name">): string {
  return `${r.kind}/${r.namespace}/${r.name}`;
}

function bundleHealth(resources: readonly BundleResource[]): HealthResult {
  if (resources.length === 0)
    return { health: "Progressing", message: "Waiting for the EMCO monitor to report resources" };
  const notHealthy = resources.filter((r) => r.health !== "Healthy");
  if (notHealthy.length === 0)
    return { health: "Healthy", message: `All ${resources.length} resources healthy` };
  const named = notHealthy.slice(0, MESSAGE_NAMES).map((r) => `${r.kind}/${r.name} ${r.health}`);
  const more = notHealthy.length - named.length;
  const list = more > 0 ? `${named.join(", ")} and ${more} more` : named.join(", ");
  return {
    health: worstHealth(resources.map((r) => r.health)),
    message: `${notHealthy.length} of ${resources.length} resources not healthy: ${list}`,
  };
}

/** EMCO's ResourceBundleState: the worst health of the resources its monitor embeds. */
export const resourceBundleStateKinds: KindInterpreter[] = [
  {
    group: "k8splugin.io",
    kind: "ResourceBundleState",
    health: (obj, ctx) => bundleHealth(bundleResources(obj, ctx.interpret)),
    components: (obj, ctx) =>
      Object.fromEntries(bundleResources(obj, ctx.interpret).map((r) => [bundleResourceKey(r), r.health])),
    values: (obj, ctx) => {
      const resources = bundleResources(obj, ctx.interpret);
      return {
        resourceCount: resources.length,
        readyCount: resources.filter((r) => r.health === "Healthy").length,
      };
    },
  },
];
