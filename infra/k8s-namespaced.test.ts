import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configSchema } from "../src/config/schema.ts";
import { allows, groupOf, plural, rulesOf } from "./testing/kube-manifests.ts";
import { validateManifest } from "./testing/kube-schema.ts";
import { find, K8S_DIR, type KubeManifest, kustomize, overlaysUnavailable } from "./testing/kustomize.ts";

// The Role-only variant (infra/k8s/overlays/namespaced) and the relay config that goes with it.
const OVERLAY = join(K8S_DIR, "overlays/namespaced");
const unavailable = overlaysUnavailable();
if (unavailable) console.warn(`infra/k8s-namespaced.test.ts skipped: ${unavailable}`);

let namespaced: KubeManifest[];
beforeAll(() => {
  if (!unavailable) namespaced = kustomize(OVERLAY);
});

describe.skipIf(unavailable)("the namespaced overlay", () => {
  const config = () => configSchema.parse(parse(readFileSync(join(OVERLAY, "relay-config.yaml"), "utf8")));

  it("matches the Kubernetes API schemas", () => {
    for (const manifest of namespaced) expect(validateManifest(manifest)).toEqual([]);
  });

  it("grants nothing cluster-wide", () => {
    expect(namespaced.filter((m) => m.kind.startsWith("Cluster"))).toEqual([]);
  });

  it("only reads, in the watched namespace", () => {
    const role = find(namespaced, "Role", "status-recorder-relay");

    expect(role.metadata.namespace).toBe("apps");
    for (const rule of rulesOf(role)) expect(rule.verbs).toEqual(["get", "list", "watch"]);
    expect(find(namespaced, "RoleBinding", "status-recorder-relay").metadata.namespace).toBe("apps");
  });

  it("ships a relay config that watches only what the Role lets it read", () => {
    const rules = rulesOf(find(namespaced, "Role", "status-recorder-relay"));

    for (const watch of config().watch ?? []) {
      expect(watch.namespaces, `${watch.kind}`).toEqual(["apps"]);
      expect(allows(rules, groupOf(watch.apiVersion), plural(watch.kind), "watch"), watch.kind).toBe(true);
    }
  });

  it("watches every namespaced kind the Role grants", () => {
    const watched = new Set((config().watch ?? []).map((w) => `${groupOf(w.apiVersion)}/${plural(w.kind)}`));
    const granted = rulesOf(find(namespaced, "Role", "status-recorder-relay")).flatMap((r) =>
      r.apiGroups.flatMap((g) => r.resources.map((res) => `${g}/${res}`)),
    );

    expect(granted.filter((g) => !watched.has(g))).toEqual([]);
  });
});
