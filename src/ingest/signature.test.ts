import { describe, expect, it } from "vitest";
import { RELAY_REFUSED_MESSAGE, SignatureError } from "./errors.ts";
import {
  checkSignatureHeaders,
  type SignedRequestParts,
  sign,
  signedPath,
  verifySignature,
} from "./signature.ts";

const body = new TextEncoder().encode('{"events":[]}');
const now = 1_800_000_000;
const parts: SignedRequestParts = {
  method: "POST",
  path: "/v1/clusters/prod/events",
  timestamp: String(now),
  body,
};

function input(overrides: Partial<Parameters<typeof verifySignature>[0]> = {}) {
  return { ...parts, secrets: ["s3cret"], signature: sign("s3cret", parts), nowSeconds: now, ...overrides };
}

function reasonOf(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(SignatureError);
    expect((error as Error).message).toBe(RELAY_REFUSED_MESSAGE);
    return (error as SignatureError).reason;
  }
  throw new Error("expected a SignatureError");
}

describe("verifySignature", () => {
  it("accepts a request signed with the cluster's secret", () => {
    expect(() => verifySignature(input())).not.toThrow();
  });

  it("accepts the previous secret while both are valid during rotation", () => {
    expect(() => verifySignature(input({ secrets: ["new-secret", "s3cret"] }))).not.toThrow();
  });

  it("rejects a request signed with another secret", () => {
    expect(reasonOf(() => verifySignature(input({ secrets: ["other"] })))).toBe("signature does not match");
  });

  it("rejects a body changed after signing", () => {
    const changed = new TextEncoder().encode('{"events":[1]}');
    expect(reasonOf(() => verifySignature(input({ body: changed })))).toBe("signature does not match");
  });

  it("rejects a request signed for another cluster's path", () => {
    const elsewhere = input({ path: "/v1/clusters/staging/events" });
    expect(reasonOf(() => verifySignature(elsewhere))).toBe("signature does not match");
  });

  it("rejects a request signed for another method", () => {
    expect(reasonOf(() => verifySignature(input({ method: "GET" })))).toBe("signature does not match");
  });

  it("rejects a timestamp more than 300 s away, however it is signed", () => {
    const timestamp = String(now - 301);
    const stale = input({ timestamp, signature: sign("s3cret", { ...parts, timestamp }) });
    expect(reasonOf(() => verifySignature(stale))).toContain("more than 300 s");
  });

  it("gives every refusal the same message, whatever the reason", () => {
    const refusals = [
      () => verifySignature(input({ signature: undefined })),
      () => verifySignature(input({ secrets: ["other"] })),
      () => verifySignature(input({ nowSeconds: now + 301 })),
    ];
    expect(new Set(refusals.map(reasonOf)).size).toBe(3);
  });
});

describe("checkSignatureHeaders", () => {
  const signature = sign("s3cret", parts);

  it("passes well-formed headers within the window", () => {
    expect(checkSignatureHeaders(String(now), signature, now + 300)).toEqual({
      timestamp: String(now),
      signature,
    });
  });

  it.each([
    ["a missing signature", String(now), undefined, "missing signature"],
    ["a missing timestamp", undefined, signature, "missing signature"],
    ["a timestamp that is not unix seconds", "2026-01-01", signature, "not unix seconds"],
    ["a signature that is not sha256=<hex>", String(now), "sha256=XYZ", "not sha256=<64 hex digits>"],
    ["a timestamp in the future", String(now + 301), signature, "more than 300 s"],
  ])("refuses %s", (_what, timestamp, given, reason) => {
    expect(reasonOf(() => checkSignatureHeaders(timestamp, given, now))).toContain(reason);
  });
});

describe("sign", () => {
  it("is the hex HMAC-SHA256 of method, path and timestamp, each followed by a newline, then the body", () => {
    // Computed independently: printf 'POST\n/v1/clusters/a/events\n1700000000\n{}' | openssl dgst -sha256 -hmac key
    const signed = { method: "POST", path: "/v1/clusters/a/events", timestamp: "1700000000" };
    expect(sign("key", { ...signed, body: new TextEncoder().encode("{}") })).toBe(
      "sha256=66e304704604c7d09f3387b5b1d025baa8d3d0e0160a94952a28928bff1ea5e3",
    );
  });
});

describe("signedPath", () => {
  it("is the path as sent, percent-encoding kept and the query left out", () => {
    expect(signedPath("https://ingest.example/v1/clusters/a%2Eb/config?x=1")).toBe(
      "/v1/clusters/a%2Eb/config",
    );
  });

  it("takes a path on its own as the path", () => {
    expect(signedPath("/v1/clusters/a/events")).toBe("/v1/clusters/a/events");
  });
});
