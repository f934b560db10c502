import { createGunzip } from "node:zlib";
import { BadRequestError, PayloadTooLargeError } from "../errors.ts";

/**
 * 1 MiB, on the wire and again after decompression: a relay's batch is far smaller; anything bigger is
 * a mistake or an attack.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The body's bytes as sent, read chunk by chunk. As soon as they pass `limit` the stream is cancelled
 * and PayloadTooLargeError thrown, so a chunked body with no Content-Length cannot make the ingest
 * buffer more than the limit, however much the client sends.
 */
export async function readBody(
  stream: ReadableStream<Uint8Array> | null,
  limit = MAX_BODY_BYTES,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: the reply need not wait for the socket to give up the rest.
      reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(`body is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return concat(chunks, size);
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

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
