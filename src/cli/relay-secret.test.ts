import { describe, expect, it } from "vitest";
import { fakeIo } from "./fake-io.ts";
import { generateSecret, readSecretFile, secretInstructions } from "./relay-secret.ts";

describe("generateSecret", () => {
  it("encodes 32 random bytes as base64url", () => {
    const secret = generateSecret((size) => new Uint8Array(size).fill(0xfb));

    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url")).toEqual(Buffer.alloc(32, 0xfb));
  });
});

describe("readSecretFile", () => {
  it("drops the line ending the file ends with", async () => {
    const io = fakeIo({ f: "0123456789abcdef0123\r\n" });

    expect(await readSecretFile("f", io)).toBe("0123456789abcdef0123");
  });

  it("names a file it cannot read", async () => {
    await expect(readSecretFile("gone", fakeIo())).rejects.toThrow(
      "--secret-file gone: cannot read: no such file",
    );
  });
});

describe("secretInstructions", () => {
  it("shows a generated secret and creates the relay's Secret from it", () => {
    const text = secretInstructions({ generated: "abc" }, false);

    expect(text).toContain("\n  abc\n");
    expect(text).toContain(
      "  kubectl create secret generic status-recorder-relay -n status-recorder --from-literal=secret=abc\n",
    );
  });

  it("points kubectl at a given secret file, quoted for the shell, without reading it out", () => {
    const text = secretInstructions({ file: "my secret.txt" }, true);

    expect(text).toBe(
      "Give it to the cluster's relay:\n\n" +
        "  kubectl create secret generic status-recorder-relay -n status-recorder --from-file=secret='my secret.txt'" +
        " --dry-run=client -o yaml | kubectl apply -f -\n",
    );
  });
});
