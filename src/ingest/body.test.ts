import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BadRequestError, PayloadTooLargeError } from "../errors.ts";
import { decodeBody } from "./body.ts";

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
