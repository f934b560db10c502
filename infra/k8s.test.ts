import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { secretInstructions } from "../src/cli/relay-secret.ts";
import { builtinKinds } from "../src/interpret/kinds/index.ts";
import {
  allows,
  plural,
  relayContainer,
  relayDeployment,
  relayPod,
  rulesOf,
  specOf,
} from "./testing/kube-manifests.ts";
import { validateManifest } from "./testing/kube-schema.ts";
import {
  find,
  K8S_DIR,
  type KubeManifest,
  kustomize,
  kustomizeOverlay,
  kustomizeUnavailable,
  overlaysUnavailable,
} from "./testing/kustomize.ts";

// The cluster-wide install, as `kubectl kustomize infra/k8s` renders it, checked offline against the
// Kubernetes API schemas and for what it lets the relay do.
const unavailable = kustomizeUnavailable();
if (unavailable) console.warn(`infra/k8s.test.ts skipped: ${unavailable}`);

let clusterWide: KubeManifest[];
beforeAll(() => {
  if (!unavailable) clusterWide = kustomize(K8S_DIR);
});

describe.skipIf(unavailable)("relay manifests (kubectl kustomize infra/k8s)", () => {
  it("render the namespace, identity, RBAC, config, Deployment and its guards", () => {
    expect(clusterWide.map((m) => m.kind).sort()).toEqual([
      "ClusterRole",
      "ClusterRoleBinding",
      "ConfigMap",
      "Deployment",
      "Namespace",
      "NetworkPolicy",
      "PodDisruptionBudget",
      "Role",
      "RoleBinding",
      "ServiceAccount",
    ]);
  });

  it("match the Kubernetes API schemas", () => {
    for (const manifest of clusterWide) expect(validateManifest(manifest)).toEqual([]);
  });

  it("only read the watched kinds: get, list and watch", () => {
    const role = find(clusterWide, "ClusterRole", "status-recorder-relay");

    for (const rule of rulesOf(role)) expect(rule.verbs).toEqual(["get", "list", "watch"]);
  });

  it("may write nothing but their leader-election Lease", () => {
    const roles = clusterWide.filter((m) => m.kind === "Role" || m.kind === "ClusterRole");
    const writes = roles
      .flatMap(rulesOf)
      .filter((r) => r.verbs.some((v) => !["get", "list", "watch"].includes(v)));

    expect(writes).toEqual([
      { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["get", "create", "update"] },
    ]);
    expect(find(clusterWide, "Role", "status-recorder-relay-leader-election").metadata.namespace).toBe(
      "status-recorder",
    );
  });

  it("can read every kind the interpreter knows", () => {
    const rules = rulesOf(find(clusterWide, "ClusterRole", "status-recorder-relay"));
    // `extensions` Ingress is interpreted for old objects, but that API is gone since Kubernetes 1.22.
    const kinds = builtinKinds.filter((k) => k.kind !== "*" && k.group !== "extensions");

    for (const { group, kind } of kinds)
      expect(allows(rules, group, plural(kind), "watch"), `${group}/${kind}`).toBe(true);
  });

  it("bind both roles to the relay's service account", () => {
    for (const binding of clusterWide.filter((m) => m.kind.endsWith("Binding"))) {
      expect(binding.subjects).toEqual([
        { kind: "ServiceAccount", name: "status-recorder-relay", namespace: "status-recorder" },
      ]);
    }
  });

  it("run two replicas of the relay command, configured from the ConfigMap", () => {
    const container = relayContainer(clusterWide);

    expect(relayDeployment(clusterWide).spec.replicas).toBe(2);
    expect(container.image).toBe("status-recorder-relay:0.1.0");
    expect(container.command.join(" ")).toBe(
      "status-recorder relay --endpoint $(ENDPOINT) --cluster $(CLUSTER) --secret-file /var/run/status-recorder/secret",
    );
    for (const key of ["ENDPOINT", "CLUSTER"]) {
      expect(container.env).toContainEqual({
        name: key,
        valueFrom: { configMapKeyRef: { name: "status-recorder-relay", key } },
      });
    }
    expect(
      Object.keys(find(clusterWide, "ConfigMap", "status-recorder-relay").data as object).sort(),
    ).toEqual(["CLUSTER", "ENDPOINT"]);
  });

  it("run as a non-root user with a read-only root, no privilege escalation, no capabilities", () => {
    const pod = relayPod(clusterWide);
    const container = relayContainer(clusterWide);

    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(Object.keys(container.resources).sort()).toEqual(["limits", "requests"]);
  });

  it("probe /healthz and /readyz on port 9090", () => {
    const container = relayContainer(clusterWide);

    expect(container.ports).toEqual([{ name: "http", containerPort: 9090, protocol: "TCP" }]);
    expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(container.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http" });
  });

  it("mount the Secret `cluster add` tells the operator to create, read-only, and commit none", () => {
    const volume = relayPod(clusterWide).volumes.find((v) => v.secret);
    const mount = relayContainer(clusterWide).volumeMounts.find((m) => m.name === volume?.name);
    const instructions = secretInstructions({ generated: "s3cret" }, false);

    expect(clusterWide.some((m) => m.kind === "Secret")).toBe(false);
    expect(mount).toEqual({ name: volume?.name, mountPath: "/var/run/status-recorder", readOnly: true });
    expect(volume?.secret?.items).toEqual([{ key: "secret", path: "secret" }]);
    expect(instructions).toContain(`create secret generic ${volume?.secret?.secretName} -n status-recorder`);
    expect(instructions).toContain("--from-literal=secret=");
  });

  it("keep one replica up through voluntary disruptions", () => {
    const pdb = specOf<{ maxUnavailable: number; selector: { matchLabels: Record<string, string> } }>(
      find(clusterWide, "PodDisruptionBudget", "status-recorder-relay"),
    );

    expect(pdb.maxUnavailable).toBe(1);
    expect(pdb.selector.matchLabels).toEqual(relayDeployment(clusterWide).spec.selector.matchLabels);
  });

  it("limit egress to kube-dns on 53 and to TCP 443 and 6443", () => {
    const policy = specOf<{ policyTypes: string[]; egress: unknown[] }>(
      find(clusterWide, "NetworkPolicy", "status-recorder-relay"),
    );

    expect(policy.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(policy.egress).toEqual([
      {
        to: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
            podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
          },
        ],
        ports: [
          { port: 53, protocol: "UDP" },
          { port: 53, protocol: "TCP" },
        ],
      },
      {
        ports: [
          { port: 443, protocol: "TCP" },
          { port: 6443, protocol: "TCP" },
        ],
      },
    ]);
  });

  it.skipIf(overlaysUnavailable())(
    "take the image registry and the relay's config from an operator's overlay",
    () => {
      const rendered = kustomizeOverlay(
        K8S_DIR,
        [
          "images:",
          "  - name: status-recorder-relay",
          "    newName: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/status-recorder-relay",
          "    newTag: 0.1.0",
          "configMapGenerator:",
          "  - name: status-recorder-relay",
          "    namespace: status-recorder",
          "    behavior: replace",
          "    literals:",
          "      - ENDPOINT=https://abc123.lambda-url.eu-west-1.on.aws/",
          "      - CLUSTER=edge-1",
        ].join("\n"),
      );

      expect(relayContainer(rendered).image).toBe(
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/status-recorder-relay:0.1.0",
      );
      expect(find(rendered, "ConfigMap", "status-recorder-relay").data).toEqual({
        ENDPOINT: "https://abc123.lambda-url.eu-west-1.on.aws/",
        CLUSTER: "edge-1",
      });
    },
  );
});

describe("the cluster-wide kustomization", () => {
  const kustomization = (dir: string) =>
    parse(readFileSync(join(K8S_DIR, dir, "kustomization.yaml"), "utf8")) as Record<string, string[]>;

  it("uses only what kustomize v2.0 (kubectl 1.20) understands: a list of files", () => {
    const top = kustomization(".");

    expect(Object.keys(top).sort()).toEqual(["apiVersion", "kind", "resources"]);
    for (const file of top.resources ?? []) expect(statSync(join(K8S_DIR, file)).isFile(), file).toBe(true);
  });

  it("lists every file of base/ and the ClusterRole", () => {
    const base = (kustomization("base").resources ?? []).map((file) => `base/${file}`);

    expect(kustomization(".").resources).toEqual([...base, "cluster-role.yaml"]);
  });
});
