import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { secretFromFile } from "./secret-file.ts";
import { recordingLogger } from "./transport/testing/recording-logger.ts";

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "status-recorder-secret-"));
  file = join(dir, "secret");
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** As the kubelet rotates a mounted Secret: a new file renamed over the old one. */
function rotate(text: string) {
  writeFileSync(`${file}.new`, text);
  renameSync(`${file}.new`, file);
}

describe("secretFromFile", () => {
  it("reads the secret without the newline kubectl --from-file keeps", () => {
    writeFileSync(file, "0123456789abcdef-secret\n");

    expect(secretFromFile(file)()).toBe("0123456789abcdef-secret");
  });

  it("refuses a secret too short to be one", () => {
    writeFileSync(file, "short\n");

    expect(() => secretFromFile(file)).toThrow("a secret needs at least 16 characters");
  });

  it("uses a rotated secret from the next request on, without a restart", () => {
    writeFileSync(file, "first-secret-0123456789");
    const secret = secretFromFile(file);

    rotate("second-secret-0123456789\n");

    expect(secret()).toBe("second-secret-0123456789");
  });

  it("keeps the last good secret while the file is missing or too short", () => {
    writeFileSync(file, "first-secret-0123456789");
    const log = recordingLogger();
    const secret = secretFromFile(file, { log });

    rmSync(file);
    const whileMissing = secret();
    rotate("tiny");

    expect([whileMissing, secret()]).toEqual(["first-secret-0123456789", "first-secret-0123456789"]);
    expect(log.lines.map((line) => line.level)).toEqual(["warn", "warn"]);
  });
});
