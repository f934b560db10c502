import { KubeConfig } from "@kubernetes/client-node";

export interface KubeconfigTarget {
  url: string;
  token: string;
}

export interface KubeconfigOptions {
  /** The context's default namespace. */
  namespace?: string;
  /** Cluster, user and context name (default "test"). */
  name?: string;
}

/**
 * A kubeconfig for the test server, as YAML a relay or kubectl can read from a file. Plain HTTP needs
 * `insecure-skip-tls-verify: true`: client-node 2.x refuses an http:// server without it.
 */
export function kubeconfigYaml(server: KubeconfigTarget, options: KubeconfigOptions = {}): string {
  const name = options.name ?? "test";
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    `- name: ${name}`,
    "  cluster:",
    `    server: ${server.url}`,
    "    insecure-skip-tls-verify: true",
    "users:",
    `- name: ${name}`,
    "  user:",
    `    token: ${server.token}`,
    "contexts:",
    `- name: ${name}`,
    "  context:",
    `    cluster: ${name}`,
    `    user: ${name}`,
    ...(options.namespace ? [`    namespace: ${options.namespace}`] : []),
    `current-context: ${name}`,
    "",
  ].join("\n");
}

/** A client-node KubeConfig pointing at the test server. */
export function kubeconfigFor(server: KubeconfigTarget, options: KubeconfigOptions = {}): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml(server, options));
  return kc;
}
