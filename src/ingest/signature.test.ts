import { describe, expect, it } from "vitest";
import { SignatureError } from "./errors.ts";
import { sign, verifySignature } from "./signature.ts";

const body = new TextEncoder().encode('{"events":[]}');
const now = 1_800_000_000;

function input(overrides: Partial<Parameters<typeof verifySignature>[0]> = {}) {
  const timestamp = String(now);
  return {
    secrets: ["s3cret"],
    timestamp,
    signature: sign("s3cret", timestamp, body),
    body,
    nowSeconds: now,
    ...overrides,
  };
}

describe("verifySignature", () => {
  it("accepts a body signed with the cluster's secret", () => {
    expect(() => verifySignature(input())).not.toThrow();
  });

  it("accepts the previous secret while both are valid during rotation", () => {
    expect(() => verifySignature(input({ secrets: ["new-secret", "s3cret"] }))).not.toThrow();
  });

  it("rejects a body signed with another secret", () => {
    expect(() => verifySignature(input({ secrets: ["other"] }))).toThrow(SignatureError);
  });

  it("rejects a body changed after signing", () => {
    expect(() => verifySignature(input({ body: new TextEncoder().encode('{"events":[1]}') }))).toThrow(
      "signature does not match",
    );
  });

  it("rejects a timestamp more than 300 s away", () => {
    const timestamp = String(now - 301);
    expect(() => verifySignature(input({ timestamp, signature: sign("s3cret", timestamp, body) }))).toThrow(
      "more than 300 s",
    );
  });

  it("rejects missing headers", () => {
    expect(() => verifySignature(input({ signature: undefined }))).toThrow("missing signature");
  });

  it("rejects a timestamp that is not unix seconds", () => {
    expect(() => verifySignature(input({ timestamp: "2026-01-01" }))).toThrow("not unix seconds");
  });
});

describe("sign", () => {
  it("is the hex HMAC-SHA256 of timestamp, a dot and the body", () => {
    // Computed independently: printf '1700000000.{}' | openssl dgst -sha256 -hmac key
    expect(sign("key", "1700000000", new TextEncoder().encode("{}"))).toBe(
      "sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae",
    );
  });
});
