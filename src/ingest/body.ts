import { createGunzip } from "node:zlib";
import { BadRequestError, PayloadTooLargeError } from "../errors.ts";

/** 1 MiB after decompression: a relay's batch is far smaller; anything bigger is a mistake or an attack. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The body as text, gunzipped when `Content-Encoding: gzip`. Decompression stops as soon as the limit is
 * passed, so a small gzip bomb cannot make the function inflate gigabytes.
 */
export async function decodeBody(
  raw: Uint8Array,
  contentEncoding: string | undefined,
  limit = MAX_BODY_BYTES,
): Promise<string> {
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") {
    if (raw.byteLength > limit) throw tooLarge(limit);
    return new TextDecoder().decode(raw);
  }
  if (encoding !== "gzip")
    throw new BadRequestError(`unsupported Content-Encoding "${encoding}": use gzip or none`);
  return new TextDecoder().decode(await gunzipLimited(raw, limit));
}

function tooLarge(limit: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`body is larger than ${limit} bytes after decompression`);
}

function gunzipLimited(raw: Uint8Array, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip();
    const chunks: Buffer[] = [];
    let size = 0;
    gunzip.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        gunzip.destroy();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    gunzip.on("error", (cause) => reject(new BadRequestError("body is not valid gzip", [], { cause })));
    gunzip.on("end", () => resolve(Buffer.concat(chunks)));
    gunzip.end(raw);
  });
}
