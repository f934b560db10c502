import type { Context } from "hono";
import { SignatureError } from "../ingest/errors.ts";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "../ingest/signature.ts";
import type { ClusterRecord } from "../store/records.ts";
import type { ClusterRegistry } from "../store/status-store.ts";

/**
 * Proves a request comes from the relay of `cluster`: the cluster is registered and one of its valid
 * secrets signed exactly these bytes within the time window. Runs before the body is decompressed or parsed.
 */
export async function authenticateRelay(
  c: Context,
  registry: Pick<ClusterRegistry, "getClusterCredentials">,
  cluster: string,
  body: Uint8Array,
  now: Date,
): Promise<ClusterRecord> {
  const credentials = await registry.getClusterCredentials(cluster, now);
  if (!credentials) throw new SignatureError(`cluster "${cluster}" is not registered`);
  verifySignature({
    secrets: credentials.secrets,
    timestamp: c.req.header(TIMESTAMP_HEADER),
    signature: c.req.header(SIGNATURE_HEADER),
    body,
    nowSeconds: Math.floor(now.getTime() / 1000),
  });
  return credentials.cluster;
}
