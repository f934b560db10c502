import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { SecretUnsealError } from "./errors.ts";

/**
 * Seals cluster secrets before they are stored. HMAC verification needs the secret itself, so it
 * cannot be hashed; it is encrypted instead. `context` (the cluster name) is bound to the sealed
 * value, so a sealed secret copied onto another cluster's record does not open.
 */
export interface SecretSealer {
  seal(secret: string, context: string): Promise<string>;
  unseal(sealed: string, context: string): Promise<string>;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM over a 32-byte key the caller supplies (env, config or file; KMS on AWS later). */
export function createAesGcmSealer(key: Uint8Array): SecretSealer {
  if (key.byteLength !== 32) throw new Error(`the sealing key must be 32 bytes, got ${key.byteLength}`);
  const keyBytes = Buffer.from(key);
  return {
    async seal(secret, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", keyBytes, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
    },
    async unseal(sealed, context) {
      const [version, payload] = sealed.split(".");
      if (version !== VERSION || payload === undefined) throw new SecretUnsealError();
      const bytes = Buffer.from(payload, "base64url");
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new SecretUnsealError();
      try {
        const decipher = createDecipheriv("aes-256-gcm", keyBytes, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
      } catch (error) {
        throw new SecretUnsealError({ cause: error });
      }
    },
  };
}

/** Reads a 32-byte sealing key written as 64 hex digits or as base64 (what `openssl rand -base64 32` prints). */
export function parseSealingKey(text: string): Uint8Array {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : Buffer.from(trimmed, "base64");
  if (bytes.byteLength !== 32) {
    throw new Error("the sealing key must be 32 bytes, written as 64 hex digits or as base64");
  }
  return new Uint8Array(bytes);
}
