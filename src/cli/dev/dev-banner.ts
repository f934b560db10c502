import { shellQuote } from "../shell-quote.ts";
import type { DevServer } from "./start-dev.ts";

/** What `dev` prints once it serves: where, what to try first, and how admin commands reach its table. */
export function devBanner(dev: DevServer): string {
  const { storage, clusterSecrets = [], relay, readAuth } = dev.options;
  const data = "dataDir" in storage ? `data in ${storage.dataDir}` : "in memory, gone when stopped";
  const admin = `status-recorder cluster list --endpoint-url ${dev.tableEndpoint} --sealing-key-file ${shellQuote(dev.sealingKeyFile)}`;
  const clusters = [...(relay ? [relay.cluster] : []), ...clusterSecrets.map((c) => c.name)];
  const token = readAuth && "token" in readAuth ? readAuth.token : undefined;
  const curl = token === undefined ? "curl" : `curl -H ${shellQuote(`Authorization: Bearer ${token}`)}`;
  const tries = [
    `${dev.url}/v1/clusters`,
    ...(clusters[0] === undefined ? [] : [`${dev.url}/v1/clusters/${clusters[0]}/objects`]),
    `${dev.url}/metrics`,
  ].map((url) => `${curl} ${url}`);
  return [
    `status-recorder dev: listening on ${dev.url}`,
    `  ingest:       POST ${dev.url}/v1/clusters/{cluster}/events`,
    ...(relay ? [`  relay:        cluster "${relay.cluster}", ${relaySource(relay)}`] : []),
    `  reads:        ${readsLine(readAuth)}`,
    ...tries.map((line, i) => `  ${i === 0 ? "try:" : "    "}          ${line}`),
    `  table:        ${dev.tableEndpoint} (table "${dev.tableName}", ${data})`,
    `  sealing key:  ${dev.sealingKeyFile}`,
    ...(clusters.length > 0 ? [`  clusters:     ${clusters.join(", ")}`] : []),
    `  admin:        ${admin}`,
    "Stop with Ctrl-C.",
    "",
  ].join("\n");
}

function relaySource(relay: NonNullable<DevServer["options"]["relay"]>): string {
  if ("replay" in relay) return `replaying ${relay.replay}`;
  const { file, context } = relay.kubeconfig;
  return `watching ${file ?? "the default kubeconfig"}${context ? ` (context ${context})` : ""}`;
}

function readsLine(readAuth: DevServer["options"]["readAuth"]): string {
  if (!readAuth) return "need a read token from the table (status-recorder token create)";
  if ("disabled" in readAuth) return "no token needed";
  return `need the bearer token ${readAuth.token}`;
}
