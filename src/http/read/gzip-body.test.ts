import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, gzipText } from "./gzip-body.ts";

describe("acceptsGzip", () => {
  it.each([
    ["gzip", true],
    ["gzip, deflate, br", true],
    ["deflate, x-gzip;q=0.5", true],
    ["br;q=1, gzip;q=0", false],
    ["identity", false],
    ["*", false],
    [undefined, false],
  ])("%s → %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe("gzipText", () => {
  it("compresses a body that round-trips", async () => {
    const text = 'status_recorder_cluster_up{cluster="edge-1"} 1\n'.repeat(100);

    const gzipped = await gzipText(text);

    expect(gunzipSync(gzipped ?? new Uint8Array()).toString("utf8")).toBe(text);
  });

  it("leaves a small body alone", async () => {
    expect(await gzipText("# EOF\n")).toBeUndefined();
  });
});
