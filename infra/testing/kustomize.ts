import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import { PROJECT_ROOT } from "../bundling.ts";

export const K8S_DIR = join(PROJECT_ROOT, "infra/k8s");

export interface KubeManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** Why kustomize cannot run here, or undefined when `kubectl kustomize` is available. */
export function kustomizeUnavailable(): string | undefined {
  return kubectlMinor() === undefined
    ? "kubectl is not installed: the manifests are not rendered"
    : undefined;
}

/**
 * Why overlays (a kustomization naming a directory under `resources:`) cannot be rendered here: the
 * kustomize v2.0 inside kubectl 1.20 and older reads only files there.
 */
export function overlaysUnavailable(): string | undefined {
  const minor = kubectlMinor();
  if (minor === undefined) return kustomizeUnavailable();
  return minor < 21 ? `kubectl 1.${minor} embeds kustomize v2.0, which cannot render overlays` : undefined;
}

function kubectlMinor(): number | undefined {
  const probe = spawnSync("kubectl", ["version", "--client", "-o", "json"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) return undefined;
  const version = JSON.parse(probe.stdout) as { clientVersion?: { minor?: string } };
  return Number.parseInt(version.clientVersion?.minor ?? "0", 10);
}

/** `kubectl kustomize DIR`, parsed: every rendered object. */
export function kustomize(dir: string): KubeManifest[] {
  const yaml = execFileSync("kubectl", ["kustomize", dir], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return parseAllDocuments(yaml).map((doc) => {
    if (doc.errors.length > 0)
      throw new Error(`kustomize output is not valid YAML: ${doc.errors[0]?.message}`);
    return doc.toJS() as KubeManifest;
  });
}

/**
 * Renders a throwaway overlay of `base` (a folder under infra/k8s), written as an operator would write
 * their own: `body` is the rest of its kustomization.yaml. It sits under node_modules/.cache, as
 * kustomize wants bases reachable by relative path.
 */
export function kustomizeOverlay(base: string, body: string): KubeManifest[] {
  const root = join(PROJECT_ROOT, "node_modules/.cache/status-recorder-kustomize");
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, "overlay-"));
  try {
    const kustomization = [
      "apiVersion: kustomize.config.k8s.io/v1beta1",
      "kind: Kustomization",
      "resources:",
      `  - ${relative(dir, base)}`,
      body,
    ].join("\n");
    writeFileSync(join(dir, "kustomization.yaml"), kustomization);
    return kustomize(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The one object of `kind` named `name` (any namespace). */
export function find(manifests: KubeManifest[], kind: string, name: string): KubeManifest {
  const found = manifests.filter((m) => m.kind === kind && m.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind}/${name}, found ${found.length}`);
  return found[0] as KubeManifest;
}
