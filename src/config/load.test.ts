import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadFixture } from "../../test/support/fixtures.ts";
import { createInterpreter } from "../interpret/interpret.ts";
import { compileRules } from "../interpret/rules/compile-rule.ts";
import { compileMetricFamilies } from "./compile-metrics.ts";
import { ConfigError } from "./errors.ts";
import { loadConfigFile, parseConfig } from "./load.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/rules.yaml", import.meta.url));

async function loadError(path: string): Promise<ConfigError> {
  const error = await loadConfigFile(path).catch((caught: unknown) => caught);
  if (error instanceof ConfigError) return error;
  throw new Error(`expected a ConfigError, got ${String(error)}`);
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "status-recorder-config-")), name);
  writeFileSync(path, text);
  return path;
}

describe("loadConfigFile", () => {
  it("names a missing file", async () => {
    const error = await loadError("/nonexistent/config.yaml");

    expect(error.message).toBe("/nonexistent/config.yaml: cannot read: no such file");
    expect(error.cause).toMatchObject({ code: "ENOENT" });
  });

  it("gives the line and column of a YAML syntax error", async () => {
    const path = tempFile("config.yaml", "staleAfter: 5m\nrules: [\n");

    const error = await loadError(path);

    expect(error.message).toMatch(new RegExp(`^${path}: line 3, column 1: `));
  });

  it("names the file in validation errors", async () => {
    const path = tempFile("config.yaml", "staleAfter: never\n");

    const error = await loadError(path);

    expect(error.message).toBe(
      `${path}: staleAfter: expected a positive duration such as 30s, 5m or 1h30m, got "never"`,
    );
  });

  it("reads JSON documents too", () => {
    expect(parseConfig('{"staleAfter": "1h"}', "config.json").staleAfter).toBe(3_600_000);
  });

  it("rejects a file holding several documents", () => {
    expect(() => parseConfig("staleAfter: 1m\n---\nstaleAfter: 2m\n", "config.yaml")).toThrow(
      "config.yaml: expected one YAML document, found 2",
    );
  });
});

describe("examples/rules.yaml", () => {
  it("is a valid config document whose metric families compile", async () => {
    const config = await loadConfigFile(EXAMPLE);

    expect(config.rules.map((rule) => rule.kind)).toEqual(["Bucket", "Service"]);
    expect(compileMetricFamilies(config.metrics).map((family) => family.type)).toEqual([
      "gauge",
      "stateSet",
      "info",
    ]);
  });

  it("judges Crossplane buckets as Argo CD does", async () => {
    const interpret = createInterpreter({ rules: compileRules((await loadConfigFile(EXAMPLE)).rules) });

    expect(interpret(loadFixture("bucket/ready.yaml"))).toMatchObject({
      health: "Healthy",
      message: "Resource is up-to-date.",
      components: { synced: "True", ready: "True" },
    });
    expect(interpret(loadFixture("bucket/create-failed.yaml"))).toMatchObject({
      health: "Degraded",
      message: expect.stringMatching(/^async create failed: .*BucketAlreadyExists/),
    });
  });

  it("judges Knative services as Argo CD does", async () => {
    const interpret = createInterpreter({ rules: compileRules((await loadConfigFile(EXAMPLE)).rules) });

    expect(interpret(loadFixture("knative-service/ready.yaml"))).toMatchObject({
      health: "Healthy",
      message: "Knative Service is healthy.",
      values: { latestRevisionTrafficPercent: 90 },
      components: { configurations: "True", routes: "True" },
    });
    expect(interpret(loadFixture("knative-service/revision-failed.yaml"))).toMatchObject({
      health: "Degraded",
      message: expect.stringMatching(
        /^ConfigurationsReady is False, since RevisionFailed\. Revision "thumbnailer-00002"/,
      ),
    });
  });
});
