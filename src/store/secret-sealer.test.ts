import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretUnsealError } from "./errors.ts";
import { createAesGcmSealer, parseSealingKey } from "./secret-sealer.ts";

const key = randomBytes(32);

describe("AES-GCM secret sealer", () => {
  it("unseals what it sealed", async () => {
    const sealer = createAesGcmSealer(key);
    const sealed = await sealer.seal("s3cret-value", "prod-eu");
    expect(await sealer.unseal(sealed, "prod-eu")).toBe("s3cret-value");
  });

  it("never stores the secret in the clear", async () => {
    const sealed = await createAesGcmSealer(key).seal("s3cret-value", "prod-eu");
    expect(sealed).not.toContain("s3cret");
    expect(Buffer.from(sealed.slice(3), "base64url").toString("latin1")).not.toContain("s3cret");
  });

  it("refuses a sealed secret moved to another cluster", async () => {
    const sealer = createAesGcmSealer(key);
    const sealed = await sealer.seal("s3cret-value", "prod-eu");
    await expect(sealer.unseal(sealed, "prod-us")).rejects.toBeInstanceOf(SecretUnsealError);
  });

  it("refuses to unseal with another key", async () => {
    const sealed = await createAesGcmSealer(key).seal("s3cret-value", "prod-eu");
    await expect(createAesGcmSealer(randomBytes(32)).unseal(sealed, "prod-eu")).rejects.toBeInstanceOf(
      SecretUnsealError,
    );
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => createAesGcmSealer(randomBytes(16))).toThrow(/32 bytes/);
  });

  it("reads a sealing key written as hex or base64", () => {
    expect(parseSealingKey(key.toString("hex"))).toEqual(new Uint8Array(key));
    expect(parseSealingKey(`${key.toString("base64")}\n`)).toEqual(new Uint8Array(key));
    expect(() => parseSealingKey("too-short")).toThrow(/32 bytes/);
  });
});
