import { KubeConfig } from "@kubernetes/client-node";

export interface KubeconfigTarget {
  url: string;
  token: string;
  /** The server's CA, base64: trusted instead of skipping verification (an https server). */
  caData?: string | undefined;
}

export interface KubeconfigOptions {
  /** The context's default namespace. */
  namespace?: string;
  /** Cluster, user and context name (default "test"). */
  name?: string;
}

/**
 * A kubeconfig for the test server, as YAML a relay or kubectl can read from a file. Plain HTTP needs
 * `insecure-skip-tls-verify: true`: client-node 2.x refuses an http:// server without it. An https
 * server's CA is carried as `certificate-authority-data`, as in a real kubeconfig.
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
    server.caData ? `    certificate-authority-data: ${server.caData}` : "    insecure-skip-tls-verify: true",
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
