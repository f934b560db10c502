import type { Context } from "hono";
import { SignatureError } from "../ingest/errors.ts";
import {
  checkSignatureHeaders,
  SIGNATURE_HEADER,
  signedPath,
  TIMESTAMP_HEADER,
  verifySignature,
} from "../ingest/signature.ts";
import type { ClusterRecord } from "../store/records.ts";
import type { ClusterRegistry } from "../store/status-store.ts";

/** Checks the body against the signature the headers carry; returns the cluster it proves. */
export type VerifyBody = (body: Uint8Array) => ClusterRecord;

/**
 * The half of proving a request comes from the relay of `cluster` that needs no body: the signature
 * headers are well formed and within the time window, and the cluster is registered. Runs before a
 * byte of the body is read, so nobody unknown can make the ingest buffer anything. Every failure,
 * here or in the returned check, is the same SignatureError (one 401); its reason goes to the log.
 */
export async function authenticateRelayHeaders(
  c: Context,
  registry: Pick<ClusterRegistry, "getClusterCredentials">,
  cluster: string,
  now: Date,
): Promise<VerifyBody> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const headers = logged(c, cluster, () =>
    checkSignatureHeaders(c.req.header(TIMESTAMP_HEADER), c.req.header(SIGNATURE_HEADER), nowSeconds),
  );
  const credentials = await registry.getClusterCredentials(cluster, now);
  if (!credentials)
    return logged(c, cluster, () => {
      throw new SignatureError(`cluster "${cluster}" is not registered`);
    });
  return (body) => {
    logged(c, cluster, () =>
      verifySignature({
        ...headers,
        secrets: credentials.secrets,
        method: c.req.method,
        path: signedPath(c.req.url),
        body,
        nowSeconds,
      }),
    );
    return credentials.cluster;
  };
}

/** Proves a bodiless request (a GET) comes from the relay of `cluster`, as above. */
export async function authenticateRelay(
  c: Context,
  registry: Pick<ClusterRegistry, "getClusterCredentials">,
  cluster: string,
  now: Date,
): Promise<ClusterRecord> {
  const verify = await authenticateRelayHeaders(c, registry, cluster, now);
  return verify(new Uint8Array());
}

/** Runs `check`; a SignatureError it throws is logged with its reason, which the reply never shows. */
function logged<T>(c: Context, cluster: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof SignatureError) logRefused(c, cluster, error);
    throw error;
  }
}

function logRefused(c: Context, cluster: string, error: SignatureError): void {
  console.warn(
    JSON.stringify({
      level: "warn",
      msg: "relay request refused",
      method: c.req.method,
      cluster,
      reason: error.reason,
    }),
  );
}
