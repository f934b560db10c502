import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BadRequestError, PayloadTooLargeError } from "../errors.ts";
import { decodeBody, readBody } from "./body.ts";

const encode = (s: string) => new TextEncoder().encode(s);

describe("decodeBody", () => {
  it("returns a plain body as text", async () => {
    expect(await decodeBody(encode('{"a":1}'), undefined)).toBe('{"a":1}');
  });

  it("gunzips a gzip body", async () => {
    expect(await decodeBody(gzipSync('{"a":1}'), "gzip")).toBe('{"a":1}');
  });

  it("refuses a plain body over the limit", async () => {
    await expect(decodeBody(encode("x".repeat(11)), undefined, 10)).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
  });

  it("refuses a small gzip body that inflates past the limit", async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(10_000);
    await expect(decodeBody(bomb, "gzip")).rejects.toThrow("larger than 1048576 bytes after decompression");
  });

  it("refuses bytes that are not gzip", async () => {
    await expect(decodeBody(encode("not gzip"), "gzip")).rejects.toBeInstanceOf(BadRequestError);
  });

  it("refuses an encoding it does not speak", async () => {
    await expect(decodeBody(encode("{}"), "br")).rejects.toThrow('unsupported Content-Encoding "br"');
  });
});

/** A stream of `chunk` repeated for ever, counting what was pulled and whether it was cancelled. */
function endless(chunk: Uint8Array) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

describe("readBody", () => {
  it("returns every chunk's bytes in order", async () => {
    const stream = new Blob(["ab", "cd"]).stream();
    expect(new TextDecoder().decode(await readBody(stream, 10))).toBe("abcd");
  });

  it("returns no bytes for no body", async () => {
    expect((await readBody(null)).byteLength).toBe(0);
  });

  it("stops reading and cancels the stream the moment it passes the limit", async () => {
    const { stream, seen } = endless(new Uint8Array(1000));
    await expect(readBody(stream, 2500)).rejects.toThrow("body is larger than 2500 bytes");
    expect(seen).toEqual({ pulled: 3000, cancelled: true });
  });
});
