import { createHmac, timingSafeEqual } from "node:crypto";
import { SignatureError } from "./errors.ts";

export const TIMESTAMP_HEADER = "x-status-recorder-timestamp";
export const SIGNATURE_HEADER = "x-status-recorder-signature";
/** A request whose timestamp is further than this from the server's clock is refused, to bound replays. */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

/** `sha256=<hex>` over `timestamp + "." + body`, body as sent on the wire (compressed, if gzip). */
export function sign(secret: string, timestamp: string, body: Uint8Array): string {
  const mac = createHmac("sha256", secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `sha256=${mac.digest("hex")}`;
}

export interface VerifyInput {
  /** Every secret currently valid for the cluster: the current one, and the previous one during rotation. */
  secrets: readonly string[];
  timestamp: string | undefined;
  signature: string | undefined;
  body: Uint8Array;
  nowSeconds: number;
}

/** Throws SignatureError unless one of the secrets signed exactly these bytes within the time window. */
export function verifySignature(input: VerifyInput): void {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) throw new SignatureError("missing signature or timestamp header");
  if (!/^\d{1,12}$/.test(timestamp)) throw new SignatureError("timestamp header is not unix seconds");
  if (Math.abs(input.nowSeconds - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS) {
    throw new SignatureError(
      `timestamp is more than ${TIMESTAMP_TOLERANCE_SECONDS} s from the server's clock`,
    );
  }
  const given = Buffer.from(signature);
  for (const secret of input.secrets) {
    const expected = Buffer.from(sign(secret, timestamp, input.body));
    // Constant time, so a caller cannot learn the signature byte by byte from response timing.
    if (expected.length === given.length && timingSafeEqual(expected, given)) return;
  }
  throw new SignatureError("signature does not match");
}
