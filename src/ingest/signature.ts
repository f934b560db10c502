import { createHmac, timingSafeEqual } from "node:crypto";
import { SignatureError } from "./errors.ts";

export const TIMESTAMP_HEADER = "x-status-recorder-timestamp";
export const SIGNATURE_HEADER = "x-status-recorder-signature";
/** A request whose timestamp is further than this from the server's clock is refused, to bound replays. */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^sha256=[0-9a-f]{64}$/;

/** What a signature covers: the request line and the bytes on the wire. */
export interface SignedRequestParts {
  method: string;
  /**
   * The URL path as sent, percent-encoded as on the wire (WHATWG `URL.pathname`), without the query:
   * no ingest route reads a query parameter, so none is signed. A route that starts reading one must
   * sign it too. Signing the path binds a request to its cluster, even when two clusters share a secret.
   */
  path: string;
  /** Unix seconds, as in the timestamp header. */
  timestamp: string;
  /** As sent (compressed, if gzip); empty for a GET. */
  body: Uint8Array;
}

/** `sha256=<hex>` over `method + "\n" + path + "\n" + timestamp + "\n" + body` (DESIGN.md "Wire protocol"). */
export function sign(secret: string, parts: SignedRequestParts): string {
  const mac = createHmac("sha256", secret);
  mac.update(`${parts.method}\n${parts.path}\n${parts.timestamp}\n`);
  mac.update(parts.body);
  return `sha256=${mac.digest("hex")}`;
}

/** The path a signature covers for `url`: what `fetch` puts on the request line, without the query. */
export function signedPath(url: string | URL): string {
  return new URL(url, "http://relative.invalid").pathname;
}

export interface SignatureHeaders {
  timestamp: string;
  signature: string;
}

/**
 * The signature headers, when present, well formed and within the time window: all that can be checked
 * before the body is read. Throws SignatureError otherwise.
 */
export function checkSignatureHeaders(
  timestamp: string | undefined,
  signature: string | undefined,
  nowSeconds: number,
): SignatureHeaders {
  if (!timestamp || !signature) throw new SignatureError("missing signature or timestamp header");
  if (!TIMESTAMP.test(timestamp)) throw new SignatureError("timestamp header is not unix seconds");
  if (!SIGNATURE.test(signature)) throw new SignatureError("signature header is not sha256=<64 hex digits>");
  if (Math.abs(nowSeconds - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS) {
    throw new SignatureError(
      `timestamp is more than ${TIMESTAMP_TOLERANCE_SECONDS} s from the server's clock`,
    );
  }
  return { timestamp, signature };
}

export interface VerifyInput extends Omit<SignedRequestParts, "timestamp"> {
  /** Every secret currently valid for the cluster: the current one, and the previous one during rotation. */
  secrets: readonly string[];
  timestamp: string | undefined;
  signature: string | undefined;
  nowSeconds: number;
}

/** Throws SignatureError unless one of the secrets signed exactly this request within the time window. */
export function verifySignature(input: VerifyInput): void {
  const { timestamp, signature } = checkSignatureHeaders(input.timestamp, input.signature, input.nowSeconds);
  const { method, path, body } = input;
  const given = Buffer.from(signature);
  for (const secret of input.secrets) {
    const expected = Buffer.from(sign(secret, { method, path, timestamp, body }));
    // Constant time, so a caller cannot learn the signature byte by byte from response timing.
    if (expected.length === given.length && timingSafeEqual(expected, given)) return;
  }
  throw new SignatureError("signature does not match");
}
