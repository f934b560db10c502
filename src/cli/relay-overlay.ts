/** Where the relay's kustomize base is, as an overlay beside a checkout of this repository refers to it. */
const BASE = "../status-recorder/infra/k8s";
const ENDPOINT_PLACEHOLDER = "https://<IngestUrl output of the stack>/";
const IMAGE_PLACEHOLDER = "<registry>/status-recorder-relay";

export interface OverlayOptions {
  cluster: string;
  endpoint?: string | undefined;
  image?: string | undefined;
}

/**
 * The kustomize overlay that installs a cluster's relay: the base (infra/k8s), the image, and the
 * ConfigMap naming the endpoint and the cluster. Printed by `cluster add` so the operator applies
 * exactly this; what is not known here stays a visible placeholder rather than a guess.
 */
export function relayOverlay(options: OverlayOptions): string {
  const [image, tag] = splitImage(options.image ?? `${IMAGE_PLACEHOLDER}:0.1.0`);
  return [
    "apiVersion: kustomize.config.k8s.io/v1beta1",
    "kind: Kustomization",
    "resources:",
    `  - ${BASE}   # or ${BASE}/overlays/namespaced for a Role-only install`,
    "images:",
    "  - name: status-recorder-relay",
    `    newName: ${image}`,
    `    newTag: "${tag}"`,
    "configMapGenerator:",
    "  - name: status-recorder-relay",
    "    namespace: status-recorder",
    "    behavior: replace",
    "    literals:",
    `      - ENDPOINT=${options.endpoint ?? ENDPOINT_PLACEHOLDER}`,
    `      - CLUSTER=${options.cluster}`,
    "",
  ].join("\n");
}

function splitImage(reference: string): [string, string] {
  const colon = reference.lastIndexOf(":");
  // A colon before the last slash belongs to a registry's port, not a tag.
  if (colon < 0 || colon < reference.lastIndexOf("/")) return [reference, "latest"];
  return [reference.slice(0, colon), reference.slice(colon + 1)];
}

/** The steps after `cluster add`, in the order that works: the namespace exists before the Secret. */
export function installSteps(cluster: string, overlay: string, secretCommand: string): string {
  const indented = overlay
    .trimEnd()
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
  return [
    `Install the relay in cluster "${cluster}":`,
    "",
    `  1. Save this as ${cluster}/kustomization.yaml, next to your checkout of status-recorder:`,
    "",
    indented,
    "",
    `  2. kubectl apply -k ${cluster}/`,
    `  3. ${secretCommand}`,
    `  4. kubectl -n status-recorder rollout status deploy/status-recorder-relay`,
    "",
  ].join("\n");
}
